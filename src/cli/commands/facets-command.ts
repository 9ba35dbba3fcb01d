import { facetCounts, type FacetValue } from '../../core/query/facets.js';
import { compileFilterOrThrow } from '../../core/query/filter-compile.js';
import { ENTITY_KINDS, type EntityKind } from '../../core/normalize/types.js';
import { safeJson } from '../../core/text/safe-json.js';
import { nearestName } from '../../core/text/nearest-name.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { chooseReadingIndex, readingOptions } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { CSV_OPTION, DB_OPTION, JSON_OPTION, integerOption, oneOutputFormat, requirePositional } from '../options.js';
import { formatTable, tableFormat, type TableColumn } from '../text-table.js';

const COLUMNS: readonly TableColumn<FacetValue>[] = [
  { title: 'COUNT', width: 10, value: (value) => String(value.count), align: 'right' },
  { title: 'VALUE', width: 110, value: (value) => value.value + (value.aliases && value.aliases.length > 0 ? `  (${value.aliases.join(', ')})` : '') },
];

const CSV_COLUMNS: readonly TableColumn<FacetValue>[] = [
  { title: 'count', width: 0, value: (value) => String(value.count) },
  { title: 'value', width: 0, value: (value) => value.value },
  { title: 'aliases', width: 0, value: (value) => (value.aliases ?? []).join(' ') },
];

function kindOf(positionals: string[]): EntityKind {
  const kind = requirePositional(positionals, 0, `KIND (one of ${ENTITY_KINDS.join(', ')})`) as EntityKind;
  if (!ENTITY_KINDS.includes(kind)) {
    const near = nearestName(kind, ENTITY_KINDS);
    throw new UsageError(`unknown kind "${kind}"${near ? ` (did you mean ${near}?)` : ''}: use one of ${ENTITY_KINDS.join(', ')}`);
  }
  return kind;
}

const formatOf = (options: CommandOptions) => oneOutputFormat(options, ['json', 'csv']);
const limitOf = (options: CommandOptions) => integerOption(options, 'limit', 20) || 1_000_000;

function checkArguments(positionals: string[], options: CommandOptions): void {
  kindOf(positionals);
  formatOf(options);
  limitOf(options);
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const kind = kindOf(positionals);
  const format = formatOf(options);
  const limit = limitOf(options);
  return withIndex(chooseReadingIndex(readingOptions(options)), 'read', (db) => {
    const filter = compileFilterOrThrow(db, positionals.slice(1).join(' '));
    // One value past the limit says whether the list was cut.
    const counted = facetCounts(db, filter, kind, limit + 1);
    const values = counted.slice(0, limit);
    if (format === 'json') for (const value of values) io.stdout(`${safeJson(value)}\n`);
    else io.stdout(formatTable(format === 'csv' ? CSV_COLUMNS : COLUMNS, values, tableFormat(options, io)));
    if (format !== 'csv' && format !== 'json') {
      io.stdout(`${values.length} value(s)${counted.length > limit ? ` (the ${limit} most frequent; --limit 0 for all)` : ''}\n`);
    }
    return 0;
  });
}

export const facetsCommand: Command = {
  name: 'facets',
  summary: 'count the values of one kind (key, principal, instance, ip, event, ...) under a filter',
  usage: `Usage: keytrail facets KIND [FILTER...] [--db PATH | --dir DIR] [--json | --csv] [--limit N]\n\nKIND: ${ENTITY_KINDS.join(', ')}\n`
    + '--limit N: the N most frequent values (default 20), 0 for all.',
  options: { ...DB_OPTION, ...JSON_OPTION, ...CSV_OPTION, dir: { type: 'string' }, limit: { type: 'string' } },
  readsIndex: () => true,
  checkArguments,
  run,
};
