import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { coverageOf, type Coverage } from './coverage.js';
import { deliveryTime, newestDeliveryFirst } from './delivery-order.js';
import { EventWriter } from './event-writer.js';
import { isUnchanged, loadFileRows, statOrNull } from './file-state.js';
import { GroupedIngest, READ_AHEAD_FILES, type GroupedIngestOptions } from './grouped-ingest.js';
import { buildDeferredIndexes, type IndexDb } from './open.js';
import type { BatchReport, FileKind, FileReport, RejectedRecord } from './reports.js';
import { walkTree, type WalkProblem } from './walk.js';

export interface TreeProgress {
  filesDone: number;
  filesTotal: number;
  eventsAdded: number;
  rejected: number;
  currentFile: string | null;
}

export interface TreeReport {
  files: number;
  indexedFiles: number;
  skippedFiles: number;
  events: number;
  duplicates: number;
  rejected: RejectedRecord[];
  failed: Array<{ file: string; reason: string }>;
  notLogs: Array<{ file: string; kind: string }>;
  problems: WalkProblem[];
  /** What is complete: a failed file, an interrupted run or an unreadable folder leaves it partial. */
  coverage: Coverage;
}

export interface TreeOptions {
  final: boolean;
  onProgress?: (progress: TreeProgress) => void;
  onBatch?: (batch: BatchReport) => void;
  onFile?: (report: FileReport) => void;
  /** Stops between files (SIGINT): what is committed stays, the rest waits for the next run. */
  signal?: AbortSignal;
  /** Small files share a transaction for at least this many ms, longer while a backlog lasts (see GroupedIngest). */
  groupCommitMs?: number;
  readAhead?: GroupedIngestOptions['readAhead'];
}

const DEFAULT_GROUP_COMMIT_MS = 200;
/**
 * A rerun's fast path: a file settled with the size and mtime it has now is confirmed by a stat
 * and a map lookup, never opened. Every other file (new, grown, touched, unreadable) goes to
 * ingestFile, which decides as always (head hash, resume, replace).
 */
function splitUnchanged(db: IndexDb, root: string, files: readonly string[]): { unchanged: FileReport[]; toRead: string[] } {
  const known = loadFileRows(db);
  const unchanged: FileReport[] = [];
  const toRead: string[] = [];
  for (const file of files) {
    const row = known.get(file);
    const current = row ? statOrNull(join(root, file)) : null;
    if (row && current && isUnchanged(row, current)) {
      unchanged.push({ file, outcome: 'skipped', kind: row.kind as FileKind, added: 0, duplicates: 0, rejected: [] });
    } else {
      toRead.push(file);
    }
  }
  return { unchanged, toRead };
}

/** Indexes every file under `root`, newest delivery first (then by path), so that every run visits them the same way. */
export async function ingestTree(db: IndexDb, root: string, options: TreeOptions): Promise<TreeReport> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`${root} is not a directory`);
  const walked = await walkTree(root);
  const files = newestDeliveryFirst(walked.files);
  const problems = walked.problems;
  const writer = new EventWriter(db);
  const report: TreeReport = {
    files: files.length, indexedFiles: 0, skippedFiles: 0, events: 0, duplicates: 0,
    rejected: [], failed: [], notLogs: [], problems, coverage: coverageOf([]),
  };
  const progress: TreeProgress = { filesDone: 0, filesTotal: files.length, eventsAdded: 0, rejected: 0, currentFile: null };
  const indexed = new Set<string>();
  const noteFile = (result: FileReport) => {
    addToReport(report, result);
    if (result.outcome === 'indexed' || result.outcome === 'skipped') indexed.add(result.file);
    progress.filesDone++;
    progress.eventsAdded = report.events;
    progress.rejected = report.rejected.length;
    options.onFile?.(result);
  };
  const { unchanged, toRead } = splitUnchanged(db, root, files);
  for (const result of unchanged) noteFile(result);
  if (unchanged.length > 0) options.onProgress?.(progress);
  const lost: string[] = [];
  const grouped = new GroupedIngest(db, writer, {
    root, final: options.final, signal: options.signal ?? new AbortController().signal,
    windowMs: options.groupCommitMs ?? DEFAULT_GROUP_COMMIT_MS,
    onCommitted: (batch) => options.onBatch?.(batch),
    onLost: (files) => lost.push(...files),
    readAhead: options.readAhead,
  });
  try {
    for (const [at, file] of toRead.entries()) {
      if (options.signal?.aborted || lost.length > 0) break;
      progress.currentFile = file;
      grouped.expect(filesFrom(toRead, at, READ_AHEAD_FILES), toRead.length - at);
      noteFile(await grouped.ingest(file));
      options.onProgress?.(progress);
    }
    grouped.commit();
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    await grouped.stopPreparing();
  }
  // A transaction that failed (a full disk) took back files already counted as read: what was reported is untrue.
  if (lost.length > 0) throw new Error(`a transaction failed and took back ${lost.length} file(s), ${lost[0]} first: run the command again`);
  if (!options.signal?.aborted) buildDeferredIndexes(db);
  report.coverage = treeCoverage(files, indexed, problems);
  return report;
}

/** A folder the walk could not read may hold files never seen: the tree is then not complete. */
function treeCoverage(files: readonly string[], indexed: ReadonlySet<string>, problems: readonly WalkProblem[]): Coverage {
  const coverage = coverageOf(files.map((file) => ({ deliveredAt: deliveryTime(file), done: indexed.has(file) })));
  return { ...coverage, complete: coverage.complete && problems.length === 0 };
}

function addToReport(report: TreeReport, result: FileReport): void {
  if (result.outcome === 'skipped') report.skippedFiles++;
  else if (result.outcome === 'failed') report.failed.push({ file: result.file, reason: result.error ?? 'unknown error' });
  else report.indexedFiles++;
  report.events += result.added;
  report.duplicates += result.duplicates;
  report.rejected.push(...result.rejected);
  if (result.outcome !== 'skipped' && (result.kind === 'not-log' || result.kind === 'digest' || result.kind === 'public-keys' || result.kind === 'empty')) {
    report.notLogs.push({ file: result.file, kind: result.kind });
  }
}

/** Up to `count` of `files` from `at` on, read only if the read-ahead walks them. */
function* filesFrom(files: readonly string[], at: number, count: number): Generator<string> {
  for (let index = at; index < Math.min(files.length, at + count); index++) yield files[index]!;
}
