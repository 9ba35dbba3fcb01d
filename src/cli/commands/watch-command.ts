import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { asIndexDamage } from '../../core/index/damage.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { createIndexer } from '../../indexer/create-indexer.js';
import type { IndexerEvent } from '../../indexer/types.js';
import { IndexBusyError } from '../../indexer/writer-lock.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { assertOutsideLogDir, defaultIndexPath, prepareIndexFolder, rememberIndex } from '../index-location.js';
import { DB_OPTION, JSON_OPTION, requirePositional, stringOption } from '../options.js';
import { formatProgress } from '../progress-line.js';

/**
 * Prints the indexer's events: committed batches on stdout, problems and progress on stderr; `say`
 * puts a message of its own on stderr, never after a progress line left on the same line.
 */
export function watchPrinter(io: CommandIO, json: boolean, showProgress: boolean,
  writeProgress: (text: string) => unknown = (text) => process.stderr.write(text))
  : { event: (event: IndexerEvent) => void; say: (text: string) => void } {
  const startedAt = Date.now();
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) writeProgress('\r\u001b[K');
    progressShown = false;
  };
  const say = (text: string) => {
    clearProgress();
    io.stderr(text);
  };
  return { say, event: (event) => {
    if (event.type === 'progress') {
      if (!showProgress || event.initialScanDone) return clearProgress();
      const line = formatProgress({ ...event, filesTotal: event.filesSeen }, startedAt, Date.now());
      writeProgress(`\r${sanitizeForTerminal(line)}\u001b[K`);
      progressShown = true;
      return;
    }
    clearProgress();
    if (event.type === 'problem') {
      io.stderr(`keytrail watch: ${sanitizeForTerminal(event.file)}: ${sanitizeForTerminal(event.reason)}\n`);
    } else if (event.type === 'detections') {
      // --json stays one line per committed batch (the contract); people are told about new hits.
      if (!json && !event.failed) io.stdout(`detections: ${event.changedHits} new or changed hit(s), ${event.totalHits} in all (keytrail detect)\n`);
    } else if (json) {
      const { at, file, added, duplicates, rejected, totalEvents } = event;
      io.stdout(`${safeJson({ at, file, added, duplicates, rejected, totalEvents })}\n`);
    } else {
      io.stdout(`${event.at.slice(11, 19)}  +${event.added} event(s), ${event.duplicates} duplicate(s), ${event.rejected} rejected, `
        + `${event.totalEvents.toLocaleString('en-US')} in all: ${sanitizeForTerminal(event.file)}\n`);
    }
  } };
}

/** The first SIGINT or SIGTERM; `cancel` removes the handlers when the command ends otherwise. */
function listenForStop(): { stopped: Promise<void>; cancel: () => void } {
  let cancel = () => {};
  const stopped = new Promise<void>((resolveStop) => {
    const stop = () => {
      cancel();
      resolveStop();
    };
    cancel = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { stopped, cancel };
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const dir = resolve(requirePositional(positionals, 0, 'DIR (the folder of log files)'));
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`no folder ${sanitizeForTerminal(dir)}: nothing to watch`);
  if (!info.isDirectory()) throw new UsageError(`${sanitizeForTerminal(dir)} is not a folder: keytrail watch takes a folder of CloudTrail logs`);
  const db = resolve(stringOption(options, 'db') ?? defaultIndexPath(dir));
  assertOutsideLogDir(db, dir);
  prepareIndexFolder(db);
  const json = options.json === true;
  const indexer = createIndexer({ dir, db, watch: true, mode: 'in-process' });
  const print = watchPrinter(io, json, !json && process.stderr.isTTY === true);
  indexer.onEvent(print.event);
  const signals = listenForStop();
  try {
    await indexer.start();
  } catch (error) {
    signals.cancel();
    const damaged = asIndexDamage(error, db, dir);
    print.say(`keytrail watch: ${sanitizeForTerminal((damaged ?? error as Error).message)}\n`);
    return error instanceof IndexBusyError ? EXIT.busy : EXIT.problem;
  }
  rememberIndex(db, dir);
  if (!json) print.say(`Watching ${sanitizeForTerminal(dir)} (index: ${sanitizeForTerminal(db)}). Ctrl-C stops.\n`);
  await signals.stopped;
  await indexer.stop();
  return 0;
}

export const watchCommand: Command = {
  name: 'watch',
  maxPositionals: 1,
  summary: 'index a folder of logs and keep indexing what arrives, until Ctrl-C',
  usage: 'Usage: keytrail watch DIR [--db PATH] [--json]\n\n'
    + 'Indexes every log file under DIR, then follows it: new files, files that grow (JSON Lines: only the new lines),\n'
    + 'files replaced by a new version, new folders. A file still being written is read once it is complete.\n'
    + 'With --json, one line per committed batch: {"at","file","added","duplicates","rejected","totalEvents"}.\n'
    + 'Problems go to stderr and the watch goes on. SIGINT or SIGTERM finishes the transaction in flight and exits 0.\n'
    + 'The index goes to --db, or by default to a per-folder file under ~/.local/state/keytrail (KEYTRAIL_HOME).',
  options: { ...DB_OPTION, ...JSON_OPTION },
  run,
};
