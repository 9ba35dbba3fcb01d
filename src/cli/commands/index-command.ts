import { resolve } from 'node:path';
import { ingestTree, type TreeReport } from '../../core/index/ingest-tree.js';
import { acquireWriterLock, IndexBusyError } from '../../indexer/writer-lock.js';
import { recordLogDirectory } from '../../core/index/log-directory.js';
import { openIndex } from '../../core/index/open.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { assertOutsideLogDir, defaultIndexPath, rememberIndex } from '../index-location.js';
import { DB_OPTION, JSON_OPTION, requirePositional, stringOption } from '../options.js';
import { formatProgress } from '../progress-line.js';

const MAX_LISTED_REJECTS = 20;

function summary(report: TreeReport, db: string): string {
  const lines = [
    `Indexed ${report.indexedFiles} file(s), ${report.skippedFiles} unchanged: ${report.events} new event(s), `
      + `${report.duplicates} duplicate(s), ${report.rejected.length} rejected record(s).`,
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

/** One writer per index: `keytrail watch` or the workbench may be writing this one right now. */
function acquireIndexLock(db: string) {
  try {
    return acquireWriterLock(db);
  } catch (error) {
    if (error instanceof IndexBusyError) throw new UsageError(error.message);
    throw error;
  }
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const dir = resolve(requirePositional(positionals, 0, 'DIR (the folder of log files)'));
  const db = resolve(stringOption(options, 'db') ?? defaultIndexPath(dir));
  assertOutsideLogDir(db, dir);
  const lock = acquireIndexLock(db);
  const index = openIndex(db, { onRebuild: (message) => io.stderr(`keytrail index: ${message}\n`) });
  recordLogDirectory(index, dir);
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
      onProgress: showProgress ? (progress) => process.stderr.write(`\r${formatProgress(progress, startedAt, Date.now())}\u001b[K`) : undefined,
    });
    if (showProgress) process.stderr.write('\n');
    rememberIndex(db, dir);
    if (options.json) {
      io.stdout(`${safeJson({ files: report.files, events: report.events, duplicates: report.duplicates, rejected: report.rejected,
        indexedFiles: report.indexedFiles, skippedFiles: report.skippedFiles, notLogs: report.notLogs, failed: report.failed,
        problems: report.problems, interrupted: controller.signal.aborted, db })}\n`);
    } else {
      io.stdout(summary(report, db));
    }
    return controller.signal.aborted ? 130 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    index.close();
    lock.release();
  }
}

export const indexCommand: Command = {
  name: 'index',
  summary: 'index a folder of CloudTrail logs once and print a summary',
  usage: 'Usage: keytrail index DIR [--db PATH] [--json]\n\n'
    + 'Indexes every log file under DIR (S3 delivery files, JSON Lines, lookup-events dumps, EventBridge events,\n'
    + 'single events and arrays, gzipped or not). Unchanged files are skipped on a rerun; an interrupted run resumes.\n'
    + 'The index goes to --db, or by default to a per-folder file under ~/.local/state/keytrail (KEYTRAIL_HOME).',
  options: { ...DB_OPTION, ...JSON_OPTION },
  run,
};
