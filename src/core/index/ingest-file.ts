import { join } from 'node:path';
import { probeFile, readRecords, type ReadItems } from '../parse/read-file.js';
import { FileBatch } from './file-batch.js';
import { prepareItem, type PreparedItem } from './prepared-item.js';
import type { FileKind } from './reports.js';
import { decideAction, findFileRow, hashHead, recordMtime, statFile, type FileRow, type FileStat } from './file-state.js';
import type { IndexDb } from './open.js';
import { removeFileContribution } from './remove-file.js';
import { WHOLE_READ_BYTES } from './whole-file.js';
import { prepareFile, type PreparedFile } from './prepared-file.js';
import type { EventWriter } from './event-writer.js';
import { adjustEventCount } from './event-count.js';
import type { BatchReport, FileReport } from './reports.js';
import { cachedStatement } from './statement-cache.js';

export interface IngestOptions {
  /**
   * True for a one-off index: a record cut short by the end of the file is
   * reported. False while watching: the file may still be being written, so the
   * tail waits for more data.
   */
  final: boolean;
  batchRecords?: number;
  onBatch?: (batch: BatchReport) => void;
  /** Stops after the batch in flight commits (the watcher's shutdown); the file stays resumable. */
  signal?: AbortSignal;
  /** The file as read ahead on another thread (FilePreparer), used if the file has not changed since. */
  prepared?: PreparedFile | null;
}

const DEFAULT_BATCH_RECORDS = 5000;

/** Indexes one file of `root` (path relative to it), resuming or replacing what the index has of it. */
export async function ingestFile(db: IndexDb, writer: EventWriter, root: string, file: string, options: IngestOptions): Promise<FileReport> {
  const path = join(root, file);
  let current: FileStat;
  try {
    current = statFile(path);
  } catch (error) {
    return failed(file, error as Error);
  }
  const row = findFileRow(db, file);
  const decision = await decideAction(path, row, current).catch((error: Error) => ({ action: 'failed' as const, error }));
  if (decision.action === 'failed') return failed(file, decision.error);
  if (decision.action === 'skip' && decision.reason === 'same content, new mtime' && row) recordMtime(db, row, current);
  if (decision.action === 'skip') return { file, outcome: 'skipped', kind: (row?.kind ?? 'unknown') as FileKind, added: 0, duplicates: 0, rejected: [] };
  const fileId = prepareFileRow(db, writer, file, row, decision.action === 'replace');
  const resumeFrom = decision.action === 'resume' ? decision.row : null;
  try {
    return await readIntoIndex(db, writer, { path, file, fileId, current, resumeFrom }, options);
  } catch (error) {
    // Inside the caller's transaction the caller rolls back and restores the writer (it holds other files' rows too).
    if (!db.inTransaction) writer.reset();
    return failed(file, error as Error);
  }
}

function failed(file: string, error: Error & { code?: string }): FileReport {
  const reason = error.code === 'ENOENT' ? 'file disappeared before it could be read'
    : error.code === 'EACCES' ? 'permission denied' : error.message;
  return { file, outcome: 'failed', kind: 'unknown', added: 0, duplicates: 0, rejected: [], error: reason };
}

/** Creates the file's row, or clears a replaced file's contribution, in one transaction. */
function prepareFileRow(db: IndexDb, writer: EventWriter, file: string, row: FileRow | undefined, replace: boolean): number {
  return db.transaction(() => {
    if (!row) {
      return Number(cachedStatement(db, "INSERT INTO files (path, status) VALUES (?, 'indexing')").run(file).lastInsertRowid);
    }
    if (replace) {
      // The old version's rows may still be waiting in the writer (replaced twice in one transaction).
      writer.flush();
      const { removed, aliases } = removeFileContribution(db, row.id);
      cachedStatement(db, `UPDATE files SET status = 'indexing', kind = 'pending', resume_offset = 0, resume_line = 1, records = 0,
        events_added = 0, duplicates = 0, rejected = 0, error = NULL WHERE id = ?`).run(row.id);
      adjustEventCount(db, -removed);
      writer.aliasesTakenBack(aliases);
      writer.reset();
    }
    return row.id;
  })();
}

interface Target {
  path: string;
  file: string;
  fileId: number;
  current: FileStat;
  resumeFrom: FileRow | null;
}

async function readIntoIndex(db: IndexDb, writer: EventWriter, target: Target, options: IngestOptions): Promise<FileReport> {
  // A resumed file is streamed from its resume point; a small fresh one is read in one call, or was read ahead.
  const fresh = target.resumeFrom === null && target.current.size <= WHOLE_READ_BYTES;
  const whole = fresh ? (sameFile(options.prepared, target.current) ?? prepareFile(target.path, target.current.size, target.current.mtimeMs)) : null;
  const probe = whole?.probe ?? await probeFile(target.path);
  const head = whole?.head ?? await hashHead(target.path);
  const batch = new FileBatch(db, writer, target.file, target.fileId, target.resumeFrom);
  const batchRecords = options.batchRecords ?? DEFAULT_BATCH_RECORDS;
  if (probe.empty) {
    batch.finish({ kind: 'empty', stat: target.current, head, gzip: false, complete: true });
    batch.commit(options.onBatch);
    return batch.report('indexed');
  }
  const resumeOffset = target.resumeFrom?.resumeOffset ?? 0;
  const streamResume = target.resumeFrom?.kind === 'jsonl' && !probe.gzip;
  const chunks = whole ? [whole.items] : streamed(readRecords(target.path, {
    gzip: probe.gzip,
    startOffset: streamResume ? resumeOffset : 0,
    startLine: streamResume ? target.resumeFrom?.resumeLine : 1,
  }));
  let truncated = false;
  reading: for await (const items of chunks) {
    for (const item of items) {
      if ((item.type === 'error' ? item.offset : item.place.offset) < resumeOffset) continue;
      if (item.type === 'error' && item.truncated && !options.final) {
        truncated = true;
        continue;
      }
      addItem(batch, item);
      if (item.type !== 'error' && batch.size >= batchRecords) {
        batch.commit(options.onBatch);
        // Stopped at a committed record boundary: left 'incomplete', the next run resumes there.
        if (options.signal?.aborted) {
          truncated = true;
          break reading;
        }
      }
    }
  }
  const kind = batch.kind();
  batch.finish({ kind, stat: target.current, head, gzip: probe.gzip, complete: !truncated });
  batch.commit(options.onBatch);
  return batch.report(truncated ? 'incomplete' : 'indexed');
}

/** A file read ahead is used only if it is still the file there now. */
function sameFile(prepared: PreparedFile | null | undefined, current: FileStat): PreparedFile | null {
  return prepared && prepared.size === current.size && prepared.mtimeMs === current.mtimeMs ? prepared : null;
}

async function* streamed(reader: AsyncIterable<ReadItems>): AsyncGenerator<PreparedItem[]> {
  for await (const { items } of reader) yield items.map(prepareItem);
}

function addItem(batch: FileBatch, item: PreparedItem): void {
  switch (item.type) {
    case 'error':
      batch.reject(item.offset, item.line, item.reason, item.offset + 1, item.line);
      return;
    case 'event':
      batch.addEvent(item.event, item.place);
      return;
    case 'digest':
    case 'public-keys':
      batch.addNonEvent(item.place, item.type, item.reason);
      return;
    case 'not-event':
      batch.addNonEvent(item.place, 'not-log', item.reason);
      return;
    case 'invalid':
      batch.reject(item.place.offset, item.place.line, item.reason, item.place.end, item.place.endLine);
      return;
  }
}
