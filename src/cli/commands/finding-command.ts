import { loadEvidence } from '../../core/findings/evidence.js';
import { FindingTargetError, markFinding } from '../../core/findings/mark.js';
import { DEFAULT_SOURCES } from '../../core/findings/sources.js';
import { editFindingNote, listFindings, moveFinding, removeFinding } from '../../core/findings/store.js';
import type { Finding, FindingTarget } from '../../core/findings/types.js';
import type { IndexDb } from '../../core/index/open.js';
import { formatTime } from '../../core/normalize/time.js';
import { compileFilter } from '../../core/query/filter-compile.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { chooseReadingIndex, readingOptions } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { CSV_OPTION, DB_OPTION, JSON_OPTION, oneOutputFormat, requirePositional, stringOption } from '../options.js';
import { formatTable, tableFormat, type TableColumn, type TableFormat } from '../text-table.js';

const TARGET_OPTIONS = ['event', 'chain', 'hit', 'filter'] as const;

function findingId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`"${text}" is not a finding id (see \`keytrail finding list\`)`);
  return id;
}

function targetOf(options: CommandOptions): FindingTarget {
  const given = TARGET_OPTIONS.filter((kind) => stringOption(options, kind) !== undefined);
  if (given.length !== 1) throw new UsageError('name exactly one of --event ID, --chain ID, --hit ID or --filter "..."');
  return { kind: given[0]!, reference: stringOption(options, given[0]!)! };
}

function noteOf(options: CommandOptions): string {
  const note = stringOption(options, 'note');
  if (note === undefined) throw new UsageError('--note "..." is required');
  return note;
}

const COLUMNS: readonly TableColumn<Finding>[] = [
  { title: 'ID', width: 5, value: (finding) => String(finding.id) },
  { title: 'KIND', width: 7, value: (finding) => finding.kind },
  { title: 'FIRST EVENT (UTC)', width: 20, value: (finding) => formatTime(finding.evidenceTime) ?? '' },
  { title: 'REFERENCE', width: 38, value: (finding) => finding.reference },
  // The note is the last column: never cut.
  { title: 'NOTE', width: Infinity, value: (finding) => finding.note },
];

/** One line per finding, every field from a log or a note sanitized; on a terminal the reference is cut to its column. */
export function formatFindingList(findings: readonly Finding[], format: TableFormat): string {
  if (findings.length === 0 && format !== 'csv') return 'No findings yet: mark one with `keytrail finding add` or `m` in the workbench.\n';
  return formatTable(COLUMNS, findings, format);
}

function findingJson(finding: Finding) {
  return { ...finding, evidenceTime: formatTime(finding.evidenceTime), createdAt: formatTime(finding.createdAt), updatedAt: formatTime(finding.updatedAt) };
}

function notFound(io: CommandIO, id: number): number {
  io.stderr(`keytrail finding: no finding ${id}\n`);
  return 1;
}

/** A filter finding that names no event now: says so, with why (`event:Decrpyt` names no event name). */
function warnIfEmpty(db: IndexDb, finding: Finding, io: CommandIO): void {
  if (loadEvidence(db, finding, DEFAULT_SOURCES).rows.length > 0) return;
  const why = compileFilter(db, finding.reference).notes?.[0]?.message;
  io.stderr(`keytrail finding: finding ${finding.id} matches no event in this index${why ? `: ${sanitizeForTerminal(why)}` : ''}\n`);
}

function runOn(db: IndexDb, action: string, positionals: string[], options: CommandOptions, io: CommandIO): number {
  switch (action) {
    case 'add': {
      const target = targetOf(options);
      const finding = markFinding(db, target, noteOf(options), DEFAULT_SOURCES);
      io.stdout(options.json ? `${safeJson(findingJson(finding))}\n` : `Added finding ${finding.id} (${finding.kind}).\n`);
      // Kept (no events can be a finding), but a typo should not reach the note unnoticed.
      if (target.kind === 'filter') warnIfEmpty(db, finding, io);
      return 0;
    }
    case 'list': {
      const format = oneOutputFormat(options, ['json', 'csv']);
      if (format === 'json') for (const finding of listFindings(db)) io.stdout(`${safeJson(findingJson(finding))}\n`);
      else io.stdout(formatFindingList(listFindings(db), tableFormat(options, io)));
      return 0;
    }
    case 'rm': {
      const id = findingId(requirePositional(positionals, 1, 'finding ID'));
      return removeFinding(db, id) ? (io.stdout(`Removed finding ${id}.\n`), 0) : notFound(io, id);
    }
    case 'edit': {
      const id = findingId(requirePositional(positionals, 1, 'finding ID'));
      return editFindingNote(db, id, noteOf(options)) ? (io.stdout(`Updated the note of finding ${id}.\n`), 0) : notFound(io, id);
    }
    case 'move': {
      const id = findingId(requirePositional(positionals, 1, 'finding ID'));
      const before = stringOption(options, 'before');
      if (before === undefined && !options.last) throw new UsageError('say where: --before OTHER_ID or --last');
      return moveFinding(db, id, before === undefined ? null : findingId(before)) ? (io.stdout(`Moved finding ${id}.\n`), 0) : notFound(io, id);
    }
    default:
      throw new UsageError(`unknown action "${action}": add, list, edit, move or rm`);
  }
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const action = requirePositional(positionals, 0, 'an action: add, list, edit, move or rm');
  // Writing must not create an empty index at a mistyped path: the index is chosen as for reading.
  return withIndex(chooseReadingIndex(readingOptions(options)), action === 'list' ? 'read' : 'write', (db) => {
    try {
      return runOn(db, action, positionals, options, io);
    } catch (error) {
      if (!(error instanceof FindingTargetError)) throw error;
      io.stderr(`keytrail finding: ${sanitizeForTerminal(error.message)}\n`);
      return 1;
    }
  });
}

export const findingCommand: Command = {
  name: 'finding',
  // add and list take no id; rm, edit and move take one.
  maxPositionals: (positionals) => (['rm', 'edit', 'move'].includes(positionals[0] ?? '') ? 2 : 1),
  summary: 'mark evidence with a note (events, chains, detection hits, filters); list, edit, reorder, remove',
  usage: 'Usage: keytrail finding add (--event ID | --chain ID | --hit ID | --filter "...") --note "..." [--db PATH | --dir DIR]\n'
    + '       keytrail finding list [--json | --csv]\n'
    + '       keytrail finding edit ID --note "..."\n'
    + '       keytrail finding move ID (--before OTHER_ID | --last)\n'
    + '       keytrail finding rm ID\n\n'
    + 'Findings live in the index: the workbench and `keytrail export` see the same list. A new finding is placed\n'
    + 'by the time of its first event; `move` reorders by hand. Ages in a filter (since:2h) are pinned to UTC times.',
  options: {
    ...DB_OPTION, ...JSON_OPTION, ...CSV_OPTION, dir: { type: 'string' }, event: { type: 'string' }, chain: { type: 'string' },
    hit: { type: 'string' }, filter: { type: 'string' }, note: { type: 'string' }, before: { type: 'string' }, last: { type: 'boolean' },
  },
  readsIndex: () => true,
  run,
};
