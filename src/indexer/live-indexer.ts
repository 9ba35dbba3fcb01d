import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eventCount } from '../core/index/event-count.js';
import { EventWriter } from '../core/index/event-writer.js';
import { openIndex, type IndexDb } from '../core/index/open.js';
import type { BatchReport, FileReport } from '../core/index/reports.js';
import { ingestAtomically } from './atomic-ingest.js';
import { FileFollowup } from './file-followup.js';
import { FileQueue, type DueReason } from './file-queue.js';
import { createPathFilter } from './ignore-paths.js';
import { ProblemLog } from './problem-log.js';
import { ProgressMeter } from './progress-meter.js';
import { resolveTiming, type IndexerTiming } from './timing.js';
import { TreeObserver } from './tree-observer.js';
import type { IndexerEvent, IndexerOptions } from './types.js';
import { acquireWriterLock, type WriterLock } from './writer-lock.js';

interface Opened {
  db: IndexDb;
  writer: EventWriter;
  lock: WriterLock;
}

/**
 * The indexer itself, on whichever thread runs it: the only writer of the index. It
 * reads the files the tree observer reports, one at a time, newest changes first, and
 * tells its listener about every commit, problem and bit of progress.
 */
export class LiveIndexer {
  private readonly timing: IndexerTiming;
  private readonly queue: FileQueue;
  private readonly followup: FileFollowup;
  private readonly meter = new ProgressMeter();
  private readonly problems: ProblemLog;
  private readonly observer: TreeObserver;
  private readonly controller = new AbortController();
  private opened: Opened | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private firstWalkDone = false;
  private lastProgressAt = 0;
  private lastRate = 0;

  constructor(private readonly options: IndexerOptions, private readonly emit: (event: IndexerEvent) => void) {
    this.timing = resolveTiming(options.timing);
    this.queue = new FileQueue(this.timing);
    this.followup = new FileFollowup(this.timing);
    this.problems = new ProblemLog(emit);
    const skip = createPathFilter(options.dir, options.db);
    this.observer = new TreeObserver(options.dir, skip, this.timing, options.watch, {
      changed: (file) => this.enqueue(file, () => this.queue.changed(file, Date.now())),
      removed: (file) => this.removed(file),
      problem: (path, reason) => this.problems.report(path, reason),
      scanned: (files, first) => this.scanned(files, first),
    });
  }

  /** Opens the index (refusing a second writer) and starts indexing in the background. */
  async start(): Promise<void> {
    mkdirSync(dirname(this.options.db), { recursive: true, mode: 0o700 });
    const lock = acquireWriterLock(this.options.db);
    let db: IndexDb;
    try {
      db = openIndex(this.options.db);
    } catch (error) {
      lock.release();
      throw error;
    }
    this.opened = { db, writer: new EventWriter(db), lock };
    this.progress(true);
    this.running = this.run(this.opened).catch((error: Error) => this.problems.report('.', `indexer stopped: ${error.message}`));
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
    if (!this.opened) return;
    this.progress(true);
    this.opened.db.close();
    this.opened.lock.release();
  }

  private async run(opened: Opened): Promise<void> {
    void this.observer.start().catch((error: Error) => this.problems.report('.', `cannot scan the log folder: ${error.message}`));
    while (!this.controller.signal.aborted) {
      const next = this.queue.next(Date.now());
      if ('file' in next) {
        await this.read(opened, next.file, next.reason);
        this.progress(false);
        continue;
      }
      this.noteScanDone();
      if (!this.options.watch && this.firstWalkDone) break;
      await this.sleep(this.idleProgress(next.waitMs));
    }
  }

  private noteScanDone(): void {
    if (!this.firstWalkDone || this.meter.initialScanDone) return;
    this.meter.scanDone();
    this.progress(true);
  }

  private async read(opened: Opened, file: string, reason: DueReason): Promise<void> {
    if (reason === 'recheck' && !(await this.recheckNeedsRead(file))) return;
    this.meter.reading(file);
    try {
      const report = await ingestAtomically(opened.db, opened.writer, this.options.dir, file, {
        final: !this.options.watch,
        signal: this.controller.signal,
        onCommitted: (batch) => this.committed(opened.db, batch),
      });
      await this.settle(file, report);
    } catch (error) {
      this.problems.report(file, `could not index: ${(error as Error).message}`);
      this.queue.later(file, this.followup.failed(file, Date.now()), 'retry');
    } finally {
      this.meter.reading(null);
    }
  }

  /** After a read: done, wait for the rest of the file, or try again later. */
  private async settle(file: string, report: FileReport): Promise<void> {
    if (report.outcome === 'indexed' || report.outcome === 'skipped') {
      this.followup.clear(file);
      this.problems.resolved(file);
      this.meter.finished(file);
      return;
    }
    if (this.controller.signal.aborted) return;
    const shape = await statShape(join(this.options.dir, file));
    if (!shape) {
      if (report.outcome === 'failed') this.problems.report(file, 'the file disappeared while being read; what was indexed from it stays');
      this.forget(file);
    } else if (report.outcome === 'incomplete') {
      this.queue.later(file, this.followup.leftIncomplete(file, shape, Date.now()), 'recheck');
    } else {
      this.problems.report(file, `${report.error ?? 'could not be read'}; trying again later`);
      this.queue.later(file, this.followup.failed(file, Date.now()), 'retry');
    }
  }

  /** A file that ended inside a record: read it only if it changed; report it once it stopped changing. */
  private async recheckNeedsRead(file: string): Promise<boolean> {
    const verdict = this.followup.recheck(file, await statShape(join(this.options.dir, file)), Date.now());
    if (verdict === 'wait') this.queue.later(file, Date.now() + this.timing.recheckMs, 'recheck');
    if (verdict === 'stale') {
      this.problems.report(file, 'stopped changing but ends inside a record (a truncated gzip or an unfinished last line): '
        + 'its complete records are indexed, the rest waits for the file to change');
      this.meter.finished(file);
    }
    return verdict === 'read';
  }

  private committed(db: IndexDb, batch: BatchReport): void {
    this.meter.committed(batch.added, batch.rejected);
    this.emit({ type: 'batch', at: new Date().toISOString(), ...batch, totalEvents: eventCount(db) });
    this.progress(false);
  }

  private scanned(files: readonly string[], first: boolean): void {
    for (const file of files) this.meter.waitingFor(file);
    this.queue.addBacklog(files);
    if (first) this.firstWalkDone = true;
    this.wake?.();
  }

  private enqueue(file: string, schedule: () => void): void {
    if (this.controller.signal.aborted) return;
    this.meter.waitingFor(file);
    schedule();
    this.wake?.();
  }

  /** A deleted log keeps its events: the index is the evidence once the file is gone. */
  private removed(file: string): void {
    this.forget(file);
    this.problems.resolved(file);
  }

  private forget(file: string): void {
    this.queue.forget(file);
    this.followup.clear(file);
    this.meter.forget(file);
  }

  private progress(force: boolean): void {
    const now = Date.now();
    if (!this.opened || (!force && (!this.meter.changed || now - this.lastProgressAt < this.timing.progressMs))) return;
    this.lastProgressAt = now;
    const snapshot = this.meter.snapshot(now, eventCount(this.opened.db));
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

async function statShape(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  const info = await stat(path).catch(() => null);
  return info ? { size: info.size, mtimeMs: info.mtimeMs } : null;
}
