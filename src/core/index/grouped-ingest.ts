import { join } from 'node:path';
import type { EventWriter, WriterMark } from './event-writer.js';
import { statOrNull } from './file-state.js';
import { ingestFile } from './ingest-file.js';
import type { IndexDb } from './open.js';
import type { PreparedFile } from './prepared-file.js';
import type { BlockCompressor } from './raw-store.js';
import type { BatchReport, FileReport } from './reports.js';
import { cachedStatement } from './statement-cache.js';

/**
 * Files up to this size are indexed whole inside a transaction, so readers see all of a
 * file or none of it (and a replaced file never shows a gap). Larger ones commit every
 * few thousand records, or the write-ahead log would grow by the whole file.
 */
export const WHOLE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * A backlog's transactions grow with it: each may collect files for a tenth of the time the
 * backlog has lasted, from `windowMs` up to this. The first rows of a cold start still show
 * within `windowMs`; a million-event backlog is not slowed by a commit every 200 ms (each
 * rewrites every page it touched: 1M events took 159 s with fixed 200 ms windows).
 */
export const MAX_WINDOW_MS = 5_000;
const YIELD_EVERY_MS = 50;
/** Below this many files waiting, starting a second thread costs more than it saves. */
export const PREPARE_MIN_BACKLOG = 64;
/**
 * How many of the next files a read-ahead is told of and may hold: many small S3 deliveries keep it
 * ahead through a busy file and through a commit (it bounds the memory it holds by the size of what
 * it prepared itself). With 64, on a tree of 30,000 small files the thread ran out of files during each
 * commit and sat idle a sixth of the time while the writer, back from its commit, waited for it.
 */
export const READ_AHEAD_FILES = 512;
const WINDOW_SHARE_OF_BACKLOG = 0.1;

export interface GroupedIngestOptions {
  root: string;
  final: boolean;
  signal: AbortSignal;
  /** How long a transaction may stay open collecting files while more are waiting (at first: see MAX_WINDOW_MS). */
  windowMs: number;
  /** Larger files commit as they go (default WHOLE_FILE_BYTES). */
  wholeFileBytes?: number;
  /** Called after the commit of each file's batch that added, duplicated or rejected something. */
  onCommitted: (batch: BatchReport) => void;
  /** A failed commit took back these files: they must be read again. */
  onLost: (files: string[]) => void;
  /** Every file read since the last commit is now visible to readers. */
  onTransactionCommitted?: () => void;
  /**
   * Reads and parses files ahead on another thread (the indexer's FilePreparer; the core starts no
   * thread), from a backlog of `minBacklog` files (default PREPARE_MIN_BACKLOG): see `expect`.
   */
  readAhead?: { start: () => ReadAhead; minBacklog?: number };
}

/** Files read, scanned, parsed and normalized ahead of the writer (src/indexer/file-preparer.ts). */
export interface ReadAhead {
  /** The files the writer will read next, in order. */
  want(files: Iterable<string>): void;
  /** The file as read ahead, or null: the writer reads it itself. */
  take(file: string): PreparedFile | null;
  /** Compresses the writer's full raw blocks on the same thread, in the time it does not spend reading. */
  compressor?: BlockCompressor;
  close(): Promise<void>;
}

/**
 * Indexes files into shared transactions: each commit rewrites the pages it touches,
 * so one commit per small file costs more than the file (a burst of 1,000 S3 deliveries
 * took twice as long). Each file sits in its own savepoint: one that fails is undone
 * alone. The caller commits when nothing else is due, so a lone new file is not held back.
 */
export class GroupedIngest {
  private openedAt = 0;
  /** When the event loop last had a turn. */
  private ranSince = Date.now();
  /** When the current backlog began: the first transaction since the caller last found nothing due. */
  private busySince: number | null = null;
  /** Every file read into the open transaction, with what it wrote. */
  private pending: BatchReport[] = [];
  private preparer: ReadAhead | null = null;

  constructor(private readonly db: IndexDb, private readonly writer: EventWriter, private readonly options: GroupedIngestOptions) {}

  /**
   * The files to be read next, in order (the one about to be read first), and how many wait in all:
   * with a backlog they are read and parsed ahead on a second thread while this one writes.
   * An empty backlog lets that thread go.
   */
  expect(upcoming: Iterable<string>, backlog: number): void {
    const readAhead = this.options.readAhead;
    if (backlog === 0 || !readAhead) {
      void this.stopPreparing();
      return;
    }
    if (!this.preparer && backlog >= (readAhead.minBacklog ?? PREPARE_MIN_BACKLOG)) {
      this.preparer = readAhead.start();
      this.writer.compressBlocksWith(this.preparer.compressor ?? null);
    }
    this.preparer?.want(upcoming);
  }

  /** Lets the second thread go (files not yet taken from it are read here if asked for). */
  async stopPreparing(): Promise<void> {
    const preparer = this.preparer;
    this.preparer = null;
    // Blocks it is compressing come back first (or are compressed here).
    if (preparer) this.writer.compressBlocksWith(null);
    await preparer?.close();
  }

  /** Reads one file; `asIs`: it stopped changing, so a record cut short at its end is rejected rather than waited for. */
  async ingest(file: string, asIs = false): Promise<FileReport> {
    await this.letOthersRun();
    const size = statOrNull(join(this.options.root, file))?.size ?? 0;
    const ingestOptions = { final: this.options.final || asIs, signal: this.options.signal, prepared: this.preparer?.take(file) ?? null };
    if (size > (this.options.wholeFileBytes ?? WHOLE_FILE_BYTES)) {
      this.commitOpen();
      return ingestFile(this.db, this.writer, this.options.root, file, { ...ingestOptions, onBatch: (batch) => this.report([batch]) });
    }
    this.begin();
    // A file indexed before may be replaced, which takes back its rows: the writer's must be in the index first.
    if (cachedStatement(this.db, 'SELECT 1 FROM files WHERE path = ?').get(file) !== undefined) this.writer.flush();
    const batches: BatchReport[] = [];
    try {
      // Outside the savepoint: undoing this file cannot take them back.
      this.writer.writeFinishedBlocks();
    } catch (error) {
      this.rollBack();
      throw error;
    }
    const mark = this.writer.mark();
    this.db.exec('SAVEPOINT keytrail_file');
    try {
      const report = await ingestFile(this.db, this.writer, this.options.root, file, { ...ingestOptions, onBatch: (batch) => batches.push(batch) });
      // A file that failed half-way keeps what the index had of it before; a document still being
      // written (gzip, JSON) is indexed whole once complete, never in part. JSON Lines grow line by line.
      if (report.outcome === 'failed' || (report.outcome === 'incomplete' && report.kind !== 'jsonl')) {
        this.undoFile(mark);
      } else {
        this.db.exec('RELEASE keytrail_file');
        this.pending.push(sumBatches(file, batches));
      }
      return report;
    } catch (error) {
      this.undoFile(mark);
      throw error;
    } finally {
      if (Date.now() - this.openedAt >= this.windowMs()) this.commitOpen();
    }
  }

  /**
   * Small files are read without a wait on I/O: without this, a scan never gave the event loop a turn,
   * so Ctrl-C, a stop from the workbench and finished compressions waited for the end of the scan.
   */
  private async letOthersRun(): Promise<void> {
    if (Date.now() - this.ranSince < YIELD_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.ranSince = Date.now();
  }

  /** Nothing else is due: commits the files read so far and reports them; the backlog is over. */
  commit(): void {
    this.commitOpen();
    this.busySince = null;
  }

  private windowMs(): number {
    const backlogMs = Date.now() - (this.busySince ?? Date.now());
    return Math.min(MAX_WINDOW_MS, Math.max(this.options.windowMs, backlogMs * WINDOW_SHARE_OF_BACKLOG));
  }

  private commitOpen(): void {
    if (!this.db.inTransaction) return;
    try {
      this.writer.flush();
      this.db.exec('COMMIT');
    } catch (error) {
      this.rollBack();
      throw error;
    }
    const committed = this.pending;
    this.pending = [];
    this.options.onTransactionCommitted?.();
    this.report(committed);
  }

  private begin(): void {
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.openedAt = Date.now();
    this.busySince ??= this.openedAt;
  }

  private undoFile(mark: WriterMark): void {
    // Some errors (a full disk) end the whole transaction, savepoints included.
    if (!this.db.inTransaction) return this.rollBack();
    if (!this.writer.canRestore(mark)) return this.rollBack();
    this.db.exec('ROLLBACK TO keytrail_file');
    this.db.exec('RELEASE keytrail_file');
    // The earlier files' rows the writer holds stay; its caches may name rows just rolled back.
    this.writer.restore(mark);
  }

  private rollBack(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.writer.reset();
    const lost = this.pending.map((batch) => batch.file);
    this.pending = [];
    if (lost.length > 0) this.options.onLost(lost);
  }

  private report(batches: readonly BatchReport[]): void {
    for (const batch of batches) {
      if (batch.added + batch.duplicates + batch.rejected > 0) this.options.onCommitted(batch);
    }
  }
}

function sumBatches(file: string, batches: readonly BatchReport[]): BatchReport {
  const total: BatchReport = { file, added: 0, duplicates: 0, rejected: 0 };
  for (const batch of batches) {
    total.added += batch.added;
    total.duplicates += batch.duplicates;
    total.rejected += batch.rejected;
  }
  return total;
}
