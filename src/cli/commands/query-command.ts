import { openIndex } from '../../core/index/open.js';
import { filterToAthena } from '../../core/athena/filter-query.js';
import { partitionScheme } from '../../core/athena/table-scheme.js';
import { compileFilterOrThrow } from '../../core/query/filter-compile.js';
import { iterateEvents } from '../../core/query/query-events.js';
import { safeJson } from '../../core/text/safe-json.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { formatEventTable } from '../event-table.js';
import { indexForReading, indexPathFrom } from '../index-location.js';
import { DB_OPTION, JSON_OPTION, integerOption, stringOption } from '../options.js';

const DEFAULT_LIMIT = 100;

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const filterText = positionals.join(' ');
  const limit = integerOption(options, 'limit', DEFAULT_LIMIT);
  const athena = stringOption(options, 'athena');
  if (athena !== undefined) return printAthena(filterText, athena, options, io);
  const db = openIndex(indexPathFrom(options), { readonly: true });
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

/** The filter as Athena SQL: every match unless --limit N is given (the index is read only for hit:). */
function printAthena(filterText: string, scheme: string, options: CommandOptions, io: CommandIO): number {
  const partitions = usage(() => partitionScheme(scheme));
  const db = /(^|\s)-?hit:/.test(filterText) ? tryOpen(stringOption(options, 'db')) : null;
  try {
    const limit = integerOption(options, 'limit', 0);
    io.stdout(`${usage(() => filterToAthena(filterText, { table: stringOption(options, 'table'), partitions, db, limit, paths: options.paths === true }))}\n`);
    return 0;
  } finally {
    db?.close();
  }
}

function usage<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new UsageError((error as Error).message);
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
  usage: 'Usage: keytrail query [FILTER...] [--db PATH | --dir DIR] [--json] [--limit N]\n'
    + '       keytrail query [FILTER...] --athena none|manual|projection|org [--table NAME] [--paths] [--limit N]\n\n'
    + 'FILTER: key:alias/prod-data principal:*alice* event:Decrypt,GenerateDataKey error:* ip:203.0.113.0/24\n'
    + '        since:2h until:2026-11-21T04:00Z ctx:customerId=cust-98765 instance:i-81e2f56c -actor:service\n'
    + '--json prints one object per line; --limit 0 prints every match.\n'
    + '--athena SCHEME prints the filter as Athena SQL over the CloudTrail table partitioned as SCHEME (manual: region/year/month/day;\n'
    + 'projection: timestamp; org: account/region/timestamp, see keytrail athena ddl), every match unless --limit N;\n'
    + '--paths lists the S3 objects holding the matches instead (copy them home, then keytrail on them).',
  options: { ...DB_OPTION, ...JSON_OPTION, dir: { type: 'string' }, limit: { type: 'string' }, athena: { type: 'string' }, table: { type: 'string' }, paths: { type: 'boolean' } },
  run,
};
