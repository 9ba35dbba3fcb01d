import { filterToAthena } from '../../core/athena/filter-query.js';
import { partitionScheme } from '../../core/athena/table-scheme.js';
import { openIndex } from '../../core/index/open.js';
import type { EventRow } from '../../core/query/event-rows.js';
import { compileFilterOrThrow } from '../../core/query/filter-compile.js';
import { iterateEvents } from '../../core/query/query-events.js';
import { rawRecords } from '../../core/query/raw-records.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { safeJson, safeJsonText } from '../../core/text/safe-json.js';
import { asUsage, UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { formatEventTable } from '../event-table.js';
import { chooseReadingIndex, readingOptions } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { CSV_OPTION, DB_OPTION, JSON_OPTION, integerOption, oneOutputFormat, stringOption } from '../options.js';
import { tableFormat } from '../text-table.js';

const DEFAULT_LIMIT = 100;

function toJson(row: EventRow) {
  const { seq: _seq, time: _time, ...rest } = row;
  return rest;
}

function* seqsOf(rows: Iterable<EventRow>): Generator<number> {
  for (const row of rows) yield row.seq;
}

/** The filter as Athena SQL: every match unless --limit N is given (an index is read only for hit:). */
function printAthena(filterText: string, scheme: string, options: CommandOptions, io: CommandIO): number {
  const partitions = asUsage(() => partitionScheme(scheme));
  const db = /(^|\s)-?hit:/.test(filterText) ? tryOpen(options) : null;
  try {
    const limit = integerOption(options, 'limit', 0);
    io.stdout(`${asUsage(() => filterToAthena(filterText, { table: stringOption(options, 'table'), partitions, db, limit, paths: options.paths === true }))}\n`);
    return 0;
  } finally {
    db?.close();
  }
}

function tryOpen(options: CommandOptions) {
  try {
    return openIndex(chooseReadingIndex(readingOptions(options)).path, { readonly: true });
  } catch {
    return null;
  }
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const filterText = positionals.join(' ');
  const athena = stringOption(options, 'athena');
  const format = oneOutputFormat(options, ['json', 'raw', 'csv']);
  if (athena !== undefined) {
    if (format !== 'table') throw new UsageError(`--athena prints SQL: it takes no --${format}`);
    return printAthena(filterText, athena, options, io);
  }
  const limit = integerOption(options, 'limit', DEFAULT_LIMIT);
  return withIndex(chooseReadingIndex(readingOptions(options)), 'read', (db) => {
    const filter = compileFilterOrThrow(db, filterText);
    const events = iterateEvents(db, filter, limit);
    if (format === 'json') {
      for (const row of events) io.stdout(`${safeJson(toJson(row))}\n`);
    } else if (format === 'raw') {
      for (const record of rawRecords(db, seqsOf(events))) io.stdout(`${safeJsonText(record)}\n`);
    } else {
      const rows = [...events];
      io.stdout(formatEventTable(rows, tableFormat(options, io)));
      if (format !== 'csv') io.stdout(`${rows.length} event(s)${limit && rows.length === limit ? ` (first ${limit}; --limit 0 for all)` : ''}\n`);
    }
    // Said after the answer, on stderr: stdout stays what the format promises, even when empty.
    if (filter.matchesNothing) for (const note of filter.notes ?? []) io.stderr(`keytrail query: ${sanitizeForTerminal(note.message)}\n`);
    return 0;
  });
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'list the events matching a filter, newest first',
  usage: 'Usage: keytrail query [FILTER...] [--db PATH | --dir DIR] [--json | --raw | --csv] [--limit N]\n'
    + '       keytrail query [FILTER...] --athena none|manual|projection|org [--table NAME] [--paths] [--limit N]\n\n'
    + 'FILTER: key:alias/prod-data principal:*alice* event:Decrypt,GenerateDataKey error:* ip:203.0.113.0/24\n'
    + '        since:2h until:2026-11-21T04:00Z ctx:customerId=cust-98765 instance:i-81e2f56c -actor:service\n'
    + 'A term that starts with - excludes; it is never taken for an option. `keytrail help filters` lists the fields.\n'
    + '--json: one object per line; --raw: each CloudTrail record as delivered, one per line (for jq); --csv: RFC 4180;\n'
    + '--limit N: the newest N (default 100), 0 for every match.\n'
    + '--athena SCHEME prints the filter as Athena SQL over the CloudTrail table partitioned as SCHEME (manual: region/year/month/day;\n'
    + 'projection: timestamp; org: account/region/timestamp, see keytrail athena ddl), every match unless --limit N;\n'
    + '--paths lists the S3 objects holding the matches instead (copy them home, then keytrail on them).',
  options: {
    ...DB_OPTION, ...JSON_OPTION, ...CSV_OPTION, dir: { type: 'string' }, limit: { type: 'string' }, raw: { type: 'boolean' },
    athena: { type: 'string' }, table: { type: 'string' }, paths: { type: 'boolean' },
  },
  readsIndex: (options) => options.athena === undefined,
  run,
};
