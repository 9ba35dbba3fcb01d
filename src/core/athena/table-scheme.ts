import { KMS_EVENT_NAMES } from '../normalize/kms-events.js';
import { ACTOR, OWNER_COPY_OF_LISTED_CALL, PRINCIPAL, ROLE } from './event-columns.js';
import { ENTITY_VALUES } from './entity-values.js';
import { checkTableName, likeLiteral, sqlLiteral } from './sql-text.js';

/**
 * How the CloudTrail table is partitioned, so a query reads only the days (and regions,
 * accounts) it needs: `manual` = partitions region/year/month/day added by hand; `projection`
 * = AWS's partition-projection table (one `timestamp` partition, `yyyy/MM/dd`); `org` = the
 * projection table of an organization trail (`account`, `region`, `timestamp`,
 * as `keytrail athena ddl` prints it); `none` = no partitions.
 */
export const PARTITION_SCHEMES = ['none', 'manual', 'projection', 'org'] as const;
export type PartitionScheme = (typeof PARTITION_SCHEMES)[number];

export function partitionScheme(value: string | undefined): PartitionScheme {
  const scheme = (value ?? 'none').toLowerCase();
  if (!(PARTITION_SCHEMES as readonly string[]).includes(scheme)) {
    throw new Error(`"${value}" is not a partition scheme: use ${PARTITION_SCHEMES.join(', ')} (see keytrail athena ddl)`);
  }
  return scheme as PartitionScheme;
}

export interface TableOptions {
  table?: string;
  partitions?: PartitionScheme;
}

/** What the question bounds: epoch ms [since, until), and regions (each positive term's values, all terms holding). */
export interface Pruning {
  since: number | null;
  until: number | null;
  regions: string[][];
}

const DAY = 86_400_000;
const MAX_LISTED_DAYS = 366;
const day = (millis: number): string => new Date(millis).toISOString().slice(0, 10).replace(/-/g, '/');

/**
 * Partition conditions. A log file lands in the folder of its delivery day, which follows its
 * events by minutes (up to a day near midnight): the day range runs one day past `until`.
 */
function partitionConditions(scheme: PartitionScheme, pruning: Pruning): string[] {
  if (scheme === 'none') return [];
  const date = scheme === 'manual' ? "(year || '/' || month || '/' || day)" : '"timestamp"';
  const conditions: string[] = [];
  // until is exclusive: its last event is a millisecond before, delivered at most a day later.
  const last = pruning.until === null ? null : pruning.until - 1 + DAY;
  if (pruning.since !== null && last !== null && last - pruning.since <= MAX_LISTED_DAYS * DAY) {
    // A closed range as the list of its days: the plainest predicate for partition pruning.
    const days = Array.from({ length: Math.floor(last / DAY) - Math.floor(pruning.since / DAY) + 1 }, (_, index) => day(pruning.since! + index * DAY));
    conditions.push(`${date} IN (${days.map(sqlLiteral).join(', ')})`);
  } else {
    if (pruning.since !== null) conditions.push(`${date} >= ${sqlLiteral(day(pruning.since))}`);
    if (last !== null) conditions.push(`${date} <= ${sqlLiteral(day(last))}`);
  }
  for (const regions of pruning.regions) conditions.push(`(${regions.map(regionCondition).join(' OR ')})`);
  return conditions;
}

/** Regions are lower case: a plain name is an equality the engine can prune on. */
const regionCondition = (region: string): string => (region.includes('*')
  ? `lower(region) LIKE ${likeLiteral(region)} ESCAPE '\\'` : `region = ${sqlLiteral(region.toLowerCase())}`);

/** A record's event source, inferred for KMS calls logged with a blank one (as keytrail does). */
const SOURCE = `coalesce(nullif(eventsource, ''), CASE WHEN eventname IN (${[...KMS_EVENT_NAMES].map(sqlLiteral).join(', ')})
      OR cardinality(${ENTITY_VALUES.keyid}) + cardinality(${ENTITY_VALUES.alias}) > 0 THEN 'kms.amazonaws.com' END)`;

/**
 * What makes two records the same delivered event: re-deliveries of one record are one event; different
 * records sharing an eventID stay apart (one that differs only in its resources[] too). Leaves, not the
 * whole useridentity: it holds a MAP, which Trino cannot partition by.
 */
const CONTENT = ['eventid', 'eventtime', 'eventsource', 'eventname', 'awsregion', 'sourceipaddress', 'useragent', 'errorcode', 'errormessage',
  'requestparameters', 'responseelements', 'additionaleventdata', 'requestid', 'recipientaccountid', 'eventtype', 'sharedeventid',
  'readonly', 'resources', 'eventcategory', 'vpcendpointid', 'serviceeventdetails', 'sessioncredentialfromconsole', 'tlsdetails',
  'useridentity.type', 'useridentity.principalid', 'useridentity.arn', 'useridentity.accountid', 'useridentity.invokedby',
  'useridentity.accesskeyid', 'useridentity.username', 'useridentity.sessioncontext.attributes', 'useridentity.sessioncontext.sessionissuer'];

/** Every record of the table, unpruned: alias changes may predate the question's days. */
export function allRecordsCte(options: TableOptions): string {
  return `trail_all AS (\n  SELECT * FROM ${checkTableName(options.table ?? 'cloudtrail_logs')}\n)`;
}

/**
 * `trail`: the table's records in the partitions the question needs, with the S3 object each came from;
 * `events`: each delivered event once, with the caller, role, actor class, source and time keytrail reads.
 */
export function eventsCtes(options: TableOptions, pruning: Pruning): string {
  const table = checkTableName(options.table ?? 'cloudtrail_logs');
  const where = partitionConditions(options.partitions ?? 'none', pruning);
  return `trail AS (
  SELECT *, "$path" AS log_path FROM ${table}${where.length > 0 ? `\n  WHERE ${where.join('\n    AND ')}` : ''}
), copies AS (
  SELECT t.*, ${PRINCIPAL} AS principal,
    ${ROLE} AS role, try(from_iso8601_timestamp(eventtime)) AS event_time,
    row_number() OVER (PARTITION BY ${CONTENT.join(', ')} ORDER BY log_path) AS copy
  FROM trail t
), events AS (
  SELECT c.*, ${ACTOR} AS actor,
    ${SOURCE} AS source, ${OWNER_COPY_OF_LISTED_CALL} AS owner_copy
  FROM copies c WHERE copy = 1
)`;
}
