import { openIndex } from '../../core/index/open.js';
import { filterToAthena } from '../../core/query/athena.js';
import { compileFilterOrThrow } from '../../core/query/filter-compile.js';
import { iterateEvents } from '../../core/query/query-events.js';
import { safeJson } from '../../core/text/safe-json.js';
import type { Command, CommandIO, CommandOptions } from '../command.js';
import { formatEventTable } from '../event-table.js';
import { indexForReading, indexPathFrom } from '../index-location.js';
import { DB_OPTION, JSON_OPTION, integerOption, stringOption } from '../options.js';

const DEFAULT_LIMIT = 100;

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const filterText = positionals.join(' ');
  const limit = integerOption(options, 'limit', DEFAULT_LIMIT);
  const dbPath = options.athena ? null : indexPathFrom(options);
  if (options.athena) {
    const db = tryOpen(stringOption(options, 'db'));
    io.stdout(`${filterToAthena(filterText, { table: stringOption(options, 'table'), db, limit: limit || 1000 })}\n`);
    db?.close();
    return 0;
  }
  const db = openIndex(dbPath!, { readonly: true });
  try {
    const filter = compileFilterOrThrow(db, filterText);
    if (options.json) {
      for (const row of iterateEvents(db, filter, limit)) io.stdout(`${safeJson(toJson(row))}\n`);
      return 0;
    }
    const rows = [...iterateEvents(db, filter, limit)];
    io.stdout(`${formatEventTable(rows)}\n${rows.length} event(s)${limit && rows.length === limit ? ` (first ${limit}; --limit 0 for all)` : ''}\n`);
    return 0;
  } finally {
    db.close();
  }
}

function tryOpen(path: string | undefined) {
  try {
    return openIndex(path ?? indexForReading({}), { readonly: true });
  } catch {
    return null;
  }
}

function toJson(row: ReturnType<typeof iterateEvents> extends Generator<infer T> ? T : never) {
  const { seq: _seq, time: _time, ...rest } = row;
  return rest;
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'list the events matching a filter, newest first',
  usage: 'Usage: keytrail query [FILTER...] [--db PATH | --dir DIR] [--json] [--limit N] [--athena [--table NAME]]\n\n'
    + 'FILTER: key:alias/prod-data principal:*alice* event:Decrypt,GenerateDataKey error:* ip:203.0.113.0/24\n'
    + '        since:2h until:2026-11-21T04:00Z ctx:customerId=cust-98765 instance:i-81e2f56c -actor:service\n'
    + '--json prints one object per line; --limit 0 prints every match; --athena prints the filter as Athena SQL.',
  options: { ...DB_OPTION, ...JSON_OPTION, dir: { type: 'string' }, limit: { type: 'string' }, athena: { type: 'boolean' }, table: { type: 'string' } },
  run,
};
