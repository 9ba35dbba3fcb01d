import { openIndex } from '../../core/index/open.js';
import { facetCounts } from '../../core/query/facets.js';
import { compileFilterOrThrow } from '../../core/query/filter-compile.js';
import { ENTITY_KINDS, type EntityKind } from '../../core/normalize/types.js';
import { fitCell } from '../../core/text/fit.js';
import { safeJson } from '../../core/text/safe-json.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { indexPathFrom } from '../index-location.js';
import { DB_OPTION, JSON_OPTION, integerOption, requirePositional } from '../options.js';

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const kind = requirePositional(positionals, 0, `KIND (one of ${ENTITY_KINDS.join(', ')})`) as EntityKind;
  if (!ENTITY_KINDS.includes(kind)) throw new UsageError(`unknown kind "${kind}": use one of ${ENTITY_KINDS.join(', ')}`);
  const db = openIndex(indexPathFrom(options), { readonly: true });
  try {
    const filter = compileFilterOrThrow(db, positionals.slice(1).join(' '));
    const values = facetCounts(db, filter, kind, integerOption(options, 'limit', 20) || 1_000_000);
    if (options.json) {
      for (const value of values) io.stdout(`${safeJson(value)}\n`);
    } else {
      for (const value of values) {
        const aliases = value.aliases && value.aliases.length > 0 ? `  (${value.aliases.join(', ')})` : '';
        io.stdout(`${fitCell(String(value.count), 10, 'right')}  ${fitCell(value.value + aliases, 110).trimEnd()}\n`);
      }
    }
    return 0;
  } finally {
    db.close();
  }
}

export const facetsCommand: Command = {
  name: 'facets',
  summary: 'count the values of one kind (key, principal, instance, ip, event, ...) under a filter',
  usage: `Usage: keytrail facets KIND [FILTER...] [--db PATH | --dir DIR] [--json] [--limit N]\n\nKIND: ${ENTITY_KINDS.join(', ')}`,
  options: { ...DB_OPTION, ...JSON_OPTION, dir: { type: 'string' }, limit: { type: 'string' } },
  run,
};
