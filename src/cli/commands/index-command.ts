import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { Coverage } from '../../core/index/coverage.js';
import { ingestTree, type TreeReport } from '../../core/index/ingest-tree.js';
import { findingsFilePath } from '../../core/findings/schema.js';
import { recordLogDirectory } from '../../core/index/log-directory.js';
import type { IndexDb } from '../../core/index/open.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { FilePreparer } from '../../indexer/file-preparer.js';
import { acquireWriterLock } from '../../indexer/writer-lock.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { assertOutsideLogDir, defaultIndexPath, prepareIndexFolder, rememberIndex } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { DB_OPTION, JSON_OPTION, requirePositional, stringOption } from '../options.js';
import { formatProgress } from '../progress-line.js';
import { carryLegacyFindings, setIndexAside } from '../rebuild-index.js';

const MAX_LISTED_REJECTS = 20;

/**
 * Complete, or what is: the share of files indexed and the delivery time since which every file is
 * (a bound on when files were written: a file can hold events older than its delivery).
 */
export function coverageLine(coverage: Coverage): string {
  if (coverage.complete) return `Complete: all ${coverage.filesTotal} file(s) found are indexed.`;
  if (coverage.filesDone === coverage.filesTotal) return 'Not complete: a folder could not be read (listed below); every file found is indexed.';
  const since = coverage.deliveredSince === null ? '' : `; every file delivered since ${coverage.deliveredSince} is, `
    + 'though a file can hold events older than its delivery';
  return `Not complete: ${coverage.filesDone} of ${coverage.filesTotal} file(s) indexed (${coverage.percentDone}%)${since}.`;
}

/** An empty folder, or one of no logs, is most often the wrong folder: said, not reported as a success alone. */
function nothingFound(report: TreeReport, dir: string): string[] {
  const where = sanitizeForTerminal(dir);
  if (report.coverage.filesTotal === 0) return [`No files found in ${where}: give the folder the logs were copied into (AWSLogs/... or one above it).`];
  const logs = report.coverage.filesTotal - report.notLogs.length - report.failed.length;
  if (logs === 0 && report.notLogs.length > 0) return [`No CloudTrail log file among the ${report.notLogs.length} file(s) in ${where} (listed below).`];
  return [];
}

function summary(report: TreeReport, db: string, dir: string): string {
  const lines = [
    `Indexed ${report.indexedFiles} file(s), ${report.skippedFiles} unchanged: ${report.events} new event(s), `
      + `${report.duplicates} duplicate(s), ${report.rejected.length} rejected record(s).`,
    coverageLine(report.coverage),
    ...nothingFound(report, dir),
    `Index: ${db}`,
  ];
  for (const item of report.notLogs) lines.push(`  not events (${item.kind}): ${sanitizeForTerminal(item.file)}`);
  for (const item of report.failed) lines.push(`  could not read: ${sanitizeForTerminal(item.file)}: ${sanitizeForTerminal(item.reason)}`);
  for (const item of report.problems) lines.push(`  skipped: ${sanitizeForTerminal(item.path)}: ${sanitizeForTerminal(item.reason)}`);
  for (const item of report.rejected.slice(0, MAX_LISTED_REJECTS)) {
    lines.push(`  rejected: ${sanitizeForTerminal(item.file)}:${item.line} (byte ${item.position}): ${sanitizeForTerminal(item.reason)}`);
  }
  if (report.rejected.length > MAX_LISTED_REJECTS) lines.push(`  ... and ${report.rejected.length - MAX_LISTED_REJECTS} more (--json lists all)`);
  return `${lines.join('\n')}\n`;
}

function logDirectoryOf(positionals: string[]): string {
  const dir = resolve(requirePositional(positionals, 0, 'DIR (the folder of log files)'));
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`no folder ${sanitizeForTerminal(dir)}: nothing was indexed`);
  if (!info.isDirectory()) throw new UsageError(`${sanitizeForTerminal(dir)} is not a folder: keytrail index takes a folder of CloudTrail logs`);
  return dir;
}

/**
 * --rebuild: the old index set aside; findings stay in their own file beside the index, and
 * those an index of an older layout kept among its tables are carried over. Said on stderr.
 */
function rebuildFrom(aside: string | null, index: IndexDb, db: string, io: CommandIO): void {
  if (aside === null) return;
  const { carried, problem } = carryLegacyFindings(aside, index);
  const legacy = problem ? `; findings it may have held could not be read (${sanitizeForTerminal(problem)})`
    : carried > 0 ? `; ${carried} finding(s) carried over from it` : '';
  io.stderr(`keytrail index: the old index is kept as ${aside}; findings and notes stay in ${findingsFilePath(db)}${legacy}\n`);
}

async function ingest(index: IndexDb, dir: string, db: string, options: CommandOptions, io: CommandIO): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const startedAt = Date.now();
  const showProgress = !options.json && process.stderr.isTTY === true;
  try {
    const report = await ingestTree(index, dir, {
      final: true,
      signal: controller.signal,
      readAhead: { start: () => new FilePreparer(dir) },
      onProgress: showProgress ? (progress) => process.stderr.write(`\r${formatProgress(progress, startedAt, Date.now())}\u001b[K`) : undefined,
    });
    if (showProgress) process.stderr.write('\n');
    rememberIndex(db, dir);
    if (options.json) {
      io.stdout(`${safeJson({ files: report.files, events: report.events, duplicates: report.duplicates, rejected: report.rejected,
        indexedFiles: report.indexedFiles, skippedFiles: report.skippedFiles, notLogs: report.notLogs, failed: report.failed,
        problems: report.problems, coverage: report.coverage, interrupted: controller.signal.aborted, db })}\n`);
    } else {
      io.stdout(summary(report, db, dir));
    }
    return controller.signal.aborted ? EXIT.interrupted : EXIT.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const dir = logDirectoryOf(positionals);
  const db = resolve(stringOption(options, 'db') ?? defaultIndexPath(dir));
  assertOutsideLogDir(db, dir);
  // The folder first: on a fresh machine the state folder does not exist yet, and the lock lives beside the index.
  prepareIndexFolder(db);
  // One writer per index: `keytrail watch` or the workbench may be writing this one right now (IndexBusyError).
  const lock = acquireWriterLock(db);
  try {
    const aside = options.rebuild ? setIndexAside(db) : null;
    const onRebuild = (message: string) => io.stderr(`keytrail index: ${sanitizeForTerminal(message)}\n`);
    return await withIndex({ path: db, logDirectory: dir, onRebuild }, 'create', (index) => {
      recordLogDirectory(index, dir);
      rebuildFrom(aside, index, db, io);
      return ingest(index, dir, db, options, io);
    });
  } finally {
    lock.release();
  }
}

export const indexCommand: Command = {
  name: 'index',
  maxPositionals: 1,
  summary: 'index a folder of CloudTrail logs once and print a summary',
  usage: 'Usage: keytrail index DIR [--db PATH] [--json] [--rebuild]\n\n'
    + 'Indexes every log file under DIR (S3 delivery files, JSON Lines, lookup-events dumps, EventBridge events,\n'
    + 'single events and arrays, gzipped or not), newest S3 delivery first. Unchanged files are skipped on a rerun; an\n'
    + 'interrupted run resumes. The summary says what is complete (--json: coverage, described in the README).\n'
    + 'The index goes to --db, or by default to a per-folder file under ~/.local/state/keytrail ($XDG_STATE_HOME,\n'
    + '$KEYTRAIL_HOME). --rebuild sets the existing index aside (kept as <index>.damaged-<time>) and indexes DIR\n'
    + 'again from scratch: for a damaged index. Findings and notes live beside the index (<index>.findings.db) and are kept.\n'
    + 'An index built by an older keytrail is rebuilt the same way, by itself. The log files are only read.',
  options: { ...DB_OPTION, ...JSON_OPTION, rebuild: { type: 'boolean' } },
  run,
};
