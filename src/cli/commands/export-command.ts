import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { exportIncident, renderIncident, type NoteFormat } from '../../core/export/export-incident.js';
import { defaultNoteName, NoteExistsError } from '../../core/export/write-note.js';
import { DEFAULT_SOURCES } from '../../core/findings/sources.js';
import { listFindings } from '../../core/findings/store.js';
import { readLogDirectory } from '../../core/index/log-directory.js';
import { openIndex, type IndexDb } from '../../core/index/open.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { indexPathFrom, lastIndex } from '../index-location.js';
import { DB_OPTION, stringOption } from '../options.js';

/** A recorded (absolute) log folder under the current directory is named relative to it, as a responder would type it. */
function asTyped(dir: string): string {
  const path = relative(process.cwd(), dir);
  return path === '' ? '.' : path.startsWith('..') || isAbsolute(path) ? dir : path;
}

/** The log folder reproduce commands name: --dir as given, else the one the index records it was built from. */
function logDirectoryFor(db: IndexDb, dbPath: string, options: CommandOptions): string | null {
  const dir = stringOption(options, 'dir');
  if (dir) return dir;
  const recorded = readLogDirectory(db);
  if (recorded) return asTyped(recorded);
  const last = lastIndex();
  return last && resolve(last.db) === resolve(dbPath) ? asTyped(last.dir) : null;
}

function formatOf(options: CommandOptions): NoteFormat {
  const format = stringOption(options, 'format') ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format takes md or json, not "${format}"`);
  return format;
}

function exportTo(db: IndexDb, out: string, logsDir: string | null, options: CommandOptions, io: CommandIO): number {
  const now = Date.now();
  // Written all the same (a note of what was looked at), but an empty one should not go out unnoticed.
  if (listFindings(db).length === 0) {
    io.stderr('keytrail export: no findings are marked yet, so the note holds no evidence: mark them with m in the workbench or `keytrail finding add`\n');
  }
  const common = { title: stringOption(options, 'title'), logsDir, format: formatOf(options), now, sources: DEFAULT_SOURCES };
  if (out === '-') {
    io.stdout(renderIncident(db, { ...common, evidenceFile: null }).note);
    return 0;
  }
  try {
    const written = exportIncident(db, { ...common, notePath: out, force: options.force === true });
    io.stdout(`Wrote ${sanitizeForTerminal(resolve(written.notePath))} (${written.lines} lines, ${written.bytes.toLocaleString('en-US')} bytes)\n`
      + `  and ${sanitizeForTerminal(resolve(written.evidencePath))} (${written.events.toLocaleString('en-US')} event${written.events === 1 ? '' : 's'})\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof NoteExistsError)) throw error;
    io.stderr(`keytrail export: ${sanitizeForTerminal(error.message)}\n`);
    return 1;
  }
}

/** The note's path, checked before anything is read: a mistyped folder is a usage error, not a crash mid-write. */
function outPath(options: CommandOptions, format: NoteFormat): string {
  const out = stringOption(options, 'out') ?? defaultNoteName(format, Date.now());
  const folder = dirname(resolve(out));
  if (out !== '-' && !existsSync(folder)) throw new UsageError(`no folder ${sanitizeForTerminal(folder)} for --out: create it or choose another path`);
  return out;
}

async function run(_positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const format = formatOf(options);
  const out = outPath(options, format);
  const dbPath = indexPathFrom(options);
  const db = openIndex(dbPath, { readonly: true });
  try {
    return exportTo(db, out, logDirectoryFor(db, dbPath, options), options, io);
  } finally {
    db.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  maxPositionals: 0,
  summary: 'write the findings as a markdown incident note (or JSON) and its evidence file',
  usage: 'Usage: keytrail export [--db PATH | --dir DIR] [--out FILE] [--format md|json] [--title "..."] [--force]\n\n'
    + 'Writes a short note for the incident channel: headline and summary, indicators, a timeline of moments, what is\n'
    + 'still open with the aws command that would close it (printed, never run), the findings with reproduce commands\n'
    + '(`keytrail query --dir DIR ...`), and beside it FILE.evidence.jsonl with every event of every finding.\n'
    + 'The note stays within 150 lines and 25 KB: past that it tells less in full and counts the rest.\n'
    + 'Both files are owner-only (0600); existing files are kept unless --force. --out - prints the note to stdout\n'
    + '(no evidence file). Default file: ./keytrail-incident-<UTC time>.md',
  options: { ...DB_OPTION, dir: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, title: { type: 'string' }, force: { type: 'boolean' } },
  run,
};
