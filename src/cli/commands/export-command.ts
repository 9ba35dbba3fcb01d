import { resolve } from 'node:path';
import { buildIncidentReport } from '../../core/export/build-report.js';
import { renderJson, renderMarkdown } from '../../core/export/render-markdown.js';
import { defaultNoteName, NoteExistsError, writeNote } from '../../core/export/write-note.js';
import { DEFAULT_SOURCES } from '../../core/findings/sources.js';
import { readLogDirectory } from '../../core/index/log-directory.js';
import { openIndex, type IndexDb } from '../../core/index/open.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { defaultIndexPath, indexPathFrom, lastIndex } from '../index-location.js';
import { DB_OPTION, stringOption } from '../options.js';

/** Where the note's log directory comes from: --dir, else the directory the index records it was built from. */
function logDirectoryFor(db: IndexDb, dbPath: string, options: CommandOptions): string | null {
  const dir = stringOption(options, 'dir');
  if (dir) return dir;
  const recorded = readLogDirectory(db);
  if (recorded) return recorded;
  const last = lastIndex();
  return last && resolve(last.db) === resolve(dbPath) ? last.dir : null;
}

/** Reproduce commands name the index the shortest way that still finds it: --dir when it is the directory's default. */
function indexArgsFor(dbPath: string, logDirectory: string | null): string[] {
  if (logDirectory && resolve(defaultIndexPath(logDirectory)) === resolve(dbPath)) return ['--dir', logDirectory];
  return ['--db', dbPath];
}

function formatOf(options: CommandOptions): 'md' | 'json' {
  const format = stringOption(options, 'format') ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format takes md or json, not "${format}"`);
  return format;
}

async function run(_positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const format = formatOf(options);
  const dbPath = indexPathFrom(options);
  const now = Date.now();
  const db = openIndex(dbPath, { readonly: true });
  const logDirectory = logDirectoryFor(db, dbPath, options);
  let content: string;
  try {
    const report = buildIncidentReport(db, {
      title: stringOption(options, 'title'), now, logDirectory, indexPath: dbPath,
      indexArgs: indexArgsFor(dbPath, logDirectory), sources: DEFAULT_SOURCES,
    });
    content = format === 'json' ? renderJson(report) : renderMarkdown(report);
  } finally {
    db.close();
  }
  const out = stringOption(options, 'out') ?? defaultNoteName(format, now);
  if (out === '-') {
    io.stdout(content);
    return 0;
  }
  try {
    writeNote(out, content, options.force === true);
  } catch (error) {
    if (!(error instanceof NoteExistsError)) throw error;
    io.stderr(`keytrail export: ${sanitizeForTerminal(error.message)}\n`);
    return 1;
  }
  io.stdout(`Wrote ${sanitizeForTerminal(resolve(out))}\n`);
  return 0;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the findings as a markdown incident note (or JSON)',
  usage: 'Usage: keytrail export [--db PATH | --dir DIR] [--out FILE] [--format md|json] [--title "..."] [--force]\n\n'
    + 'Writes title, time window, summary, findings with notes, timeline, chains, evidence and a reproduce command\n'
    + 'per finding. The file is owner-only (0600); an existing file is kept unless --force. --out - prints to stdout.\n'
    + 'Default file: ./keytrail-incident-<UTC time>.md',
  options: { ...DB_OPTION, dir: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, title: { type: 'string' }, force: { type: 'boolean' } },
  run,
};
