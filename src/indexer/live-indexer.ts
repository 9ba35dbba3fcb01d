import { setImmediate } from 'node:timers/promises';
import { eventCount } from '../core/index/event-count.js';
import { READ_AHEAD_FILES } from '../core/index/grouped-ingest.js';
import { buildDeferredIndexes } from '../core/index/open.js';
import type { BatchReport } from '../core/index/reports.js';
import { AfterRead } from './after-read.js';
import { detectionPass } from './detection-pass.js';
import { FileFollowup } from './file-followup.js';
import { FilePreparer } from './file-preparer.js';
import { FileQueue, type DueReason } from './file-queue.js';
import { createPathFilter } from './ignore-paths.js';
import { recordLogDirectory } from '../core/index/log-directory.js';
import { openIndexWriter, type IndexWriter } from './index-writer.js';
import { ProblemLog } from './problem-log.js';
import { ProgressMeter } from './progress-meter.js';
import { resolveTiming, type IndexerTiming } from './timing.js';
import { TreeObserver, type WalkKind } from './tree-observer.js';
import type { IndexerEvent, IndexerOptions } from './types.js';

/**
 * The indexer itself, on whichever thread runs it: the only writer of the index. It
 * reads the files the tree observer reports, one at a time: live changes first, then the
 * walk's files newest delivery first; and tells its listener about every commit, problem and bit of progress.
 */
export class LiveIndexer {
  private readonly timing: IndexerTiming;
  private readonly queue: FileQueue;
  private readonly followup: FileFollowup;
  private readonly meter = new ProgressMeter();
  private readonly problems: ProblemLog;
  private readonly afterRead: AfterRead;
  private readonly observer: TreeObserver;
  private readonly controller = new AbortController();
  private index: IndexWriter | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private firstWalkDone = false;
  /** The first detection pass after the scan reports even with nothing new: the hits are then known current. */
  private detectionsAnnounced = false;
  private lastProgressAt = 0;
  private lastRate = 0;

  constructor(private readonly options: IndexerOptions, private readonly emit: (event: IndexerEvent) => void) {
    this.timing = resolveTiming(options.timing);
    this.queue = new FileQueue(this.timing);
    this.followup = new FileFollowup(this.timing);
    this.problems = new ProblemLog(emit);
    this.afterRead = new AfterRead({ dir: options.dir, recheckMs: this.timing.recheckMs, queue: this.queue,
      followup: this.followup, problems: this.problems, meter: this.meter, signal: this.controller.signal,
      transactionOpen: () => this.index?.db.inTransaction === true });
    this.observer = new TreeObserver(options.dir, createPathFilter(options.dir, options.db), this.timing, options.watch, {
      changed: (file) => this.enqueue(file, () => this.queue.changed(file, Date.now())),
      removed: (file) => this.afterRead.forget(file),
      removedFolder: (folder) => this.meter.filesUnder(folder).forEach((file) => this.afterRead.forget(file)),
      problem: (path, reason) => this.problems.report(path, reason),
      resolved: (path) => this.problems.resolved(path),
      scanned: (files, walk) => this.scanned(files, walk),
    });
  }

  /** Opens the index (refusing a second writer) and starts indexing in the background. */
  async start(): Promise<void> {
    const index = openIndexWriter(this.options.db, {
      root: this.options.dir,
      final: !this.options.watch,
      signal: this.controller.signal,
      windowMs: this.timing.groupCommitMs,
      onCommitted: (batch) => this.committed(batch),
      onLost: (files) => files.forEach((file) => this.enqueue(file, () => this.queue.later(file, Date.now(), 'retry'))),
      onTransactionCommitted: () => this.meter.transactionCommitted(),
      readAhead: { start: () => new FilePreparer(this.options.dir) },
    }, (message) => this.problems.report('.', message));
    this.index = index;
    recordLogDirectory(index.db, this.options.dir);
    this.progress(true);
    this.running = this.run(index).catch((error: Error) => this.problems.report('.', `indexing stopped: ${error.message}`));
  }

  /** Lets the file in flight commit, stops watching, and closes the index. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    this.controller.abort();
    this.wake?.();
    await this.observer.stop();
    await this.running;
    if (!this.index) return;
    this.progress(true);
    this.index.close();
    this.index = null;
  }

  private async run(index: IndexWriter): Promise<void> {
    void this.observer.start().catch((error: Error) => this.problems.report('.', `cannot scan the log folder: ${error.message}`));
    while (!this.controller.signal.aborted) {
      const next = this.queue.next(Date.now());
      if ('file' in next) {
        // The walk's files are read and parsed ahead on a second thread; a live change is read at once.
        // Lazily: the read-ahead walks the list only when it asks for more files.
        const upcoming = this.queue.upcoming(READ_AHEAD_FILES);
        index.files.expect(next.reason === 'scan' ? withFirst(next.file, upcoming) : upcoming, this.queue.backlogSize);
        await this.read(index, next.file, next.reason);
        this.progress(false);
        continue;
      }
      // Nothing due now: make what was read visible before waiting.
      index.files.commit();
      index.files.expect([], 0);
      this.noteScanDone(index);
      const detectionsLeft = this.meter.initialScanDone
        && detectionPass(index.db, this.options.detections, this.emit, this.options.detectionStepEvents, !this.detectionsAnnounced);
      this.detectionsAnnounced ||= this.meter.initialScanDone;
      if (detectionsLeft) {
        // Between steps, files that landed meanwhile get their turn first.
        await setImmediate();
        continue;
      }
      if (!this.options.watch && this.firstWalkDone) break;
      await this.sleep(this.idleProgress(next.waitMs));
    }
    index.files.commit();
  }

  private noteScanDone(index: IndexWriter): void {
    if (!this.firstWalkDone || this.meter.initialScanDone) return;
    // Part of the first scan: it ends when every query has its index.
    buildDeferredIndexes(index.db);
    this.meter.scanDone();
    this.progress(true);
  }

  private async read(index: IndexWriter, file: string, reason: DueReason): Promise<void> {
    const action = reason === 'recheck' ? await this.afterRead.recheck(file) : 'read';
    if (action === 'skip') return;
    this.meter.reading(file);
    try {
      await this.afterRead.settle(file, await index.files.ingest(file, action === 'read-as-is'));
    } catch (error) {
      this.afterRead.failed(file, `could not index: ${(error as Error).message}`);
    } finally {
      this.meter.reading(null);
    }
  }

  private committed(batch: BatchReport): void {
    if (!this.index) return;
    this.meter.committed(batch.added, batch.rejected);
    this.emit({ type: 'batch', at: new Date().toISOString(), ...batch, totalEvents: eventCount(this.index.db) });
    this.progress(false);
  }

  /** A periodic walk looks only for files the watcher missed; the others (re)read every file, unchanged ones cheaply skipped. */
  private scanned(found: readonly string[], walk: WalkKind): void {
    const files = walk === 'periodic' ? found.filter((file) => !this.meter.knows(file)) : found;
    for (const file of files) this.meter.waitingFor(file);
    this.queue.addBacklog(files);
    if (walk === 'first') this.firstWalkDone = true;
    this.wake?.();
  }

  private enqueue(file: string, schedule: () => void): void {
    if (this.controller.signal.aborted) return;
    this.meter.waitingFor(file);
    schedule();
    this.wake?.();
  }

  private progress(force: boolean): void {
    const now = Date.now();
    if (!this.index || (!force && (!this.meter.changed || now - this.lastProgressAt < this.timing.progressMs))) return;
    this.lastProgressAt = now;
    const snapshot = this.meter.snapshot(now, eventCount(this.index.db));
    this.lastRate = snapshot.rate;
    this.emit(snapshot);
  }

  /** Going idle: show the final counts now, and keep showing the rate until it is back to 0. */
  private idleProgress(waitMs: number | null): number | null {
    if (this.meter.changed || this.lastRate > 0) this.progress(true);
    if (this.lastRate === 0) return waitMs;
    return Math.min(waitMs ?? Infinity, this.timing.progressMs * 4);
  }

  /** Waits for the next due file, a change, or stop(). */
  private sleep(waitMs: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = waitMs === null ? null : setTimeout(() => done(), waitMs);
      const done = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
    });
  }
}

function* withFirst(first: string, rest: Iterable<string>): Generator<string> {
  yield first;
  yield* rest;
}
