import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventWriter } from '../core/index/event-writer.js';
import { ingestFile } from '../core/index/ingest-file.js';
import type { IndexDb } from '../core/index/open.js';
import type { BatchReport, FileReport } from '../core/index/reports.js';

/**
 * Files up to this size are indexed in one transaction, so readers see all of a file
 * or none of it (and a replaced file never shows a gap). Larger ones commit every few
 * thousand records, or the write-ahead log would grow by the whole file.
 */
export const WHOLE_FILE_BYTES = 16 * 1024 * 1024;

export interface AtomicIngestOptions {
  final: boolean;
  signal: AbortSignal;
  /** Called after each commit that added, duplicated or rejected something. */
  onCommitted: (batch: BatchReport) => void;
}

/** Indexes one file (relative to `root`): whole or not at all when it is small, in committed batches when large. */
export async function ingestAtomically(db: IndexDb, writer: EventWriter, root: string, file: string,
  options: AtomicIngestOptions): Promise<FileReport> {
  const size = (await stat(join(root, file)).catch(() => null))?.size ?? 0;
  const ingestOptions = { final: options.final, signal: options.signal };
  if (size > WHOLE_FILE_BYTES) {
    return ingestFile(db, writer, root, file, { ...ingestOptions, onBatch: (batch) => reportIfAny(batch, options.onCommitted) });
  }
  const batches: BatchReport[] = [];
  db.exec('BEGIN IMMEDIATE');
  let report: FileReport;
  try {
    report = await ingestFile(db, writer, root, file, { ...ingestOptions, onBatch: (batch) => batches.push(batch) });
    // A file that failed half-way keeps what the index had of it before.
    if (report.outcome === 'failed') {
      rollBack(db, writer);
      return report;
    }
    db.exec('COMMIT');
  } catch (error) {
    rollBack(db, writer);
    throw error;
  }
  reportIfAny(sumBatches(file, batches), options.onCommitted);
  return report;
}

function rollBack(db: IndexDb, writer: EventWriter): void {
  if (db.inTransaction) db.exec('ROLLBACK');
  // The writer's caches may name rows that were just rolled back.
  writer.reset();
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

function reportIfAny(batch: BatchReport, onCommitted: (batch: BatchReport) => void): void {
  if (batch.added + batch.duplicates + batch.rejected > 0) onCommitted(batch);
}
