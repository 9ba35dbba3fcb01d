import { json } from './event-columns.js';
import { likeLiteral, sqlLiteral } from './sql-text.js';

/**
 * Which key a call used, resolved in SQL from the trail alone (no local index): the key ARN in
 * resources[]; else the key the request named, where a bare key id is the key of the event's
 * account and region, and an alias is the key it pointed at in that account and region at the
 * event's time, from the trail's own CreateAlias/UpdateAlias/DeleteAlias calls.
 */
const KEY_ARN = '\\Aarn:aws[a-z-]*:kms:[a-z0-9-]*:[0-9]*:key/.+\\z';
const ALIAS_ARN = '\\Aarn:(aws[a-z-]*):kms:([a-z0-9-]*):([0-9]*):(alias/.+)\\z';

/** A key named as ARN or bare id, as a key ARN in the call's account and region (the aws partition for bare ids). */
export const keyArnOf = (value: string, region: string, account: string): string => `CASE WHEN regexp_like(${value}, '${KEY_ARN}') THEN ${value}
      WHEN regexp_like(${value}, '\\A(?i:[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12,}|mrk-[0-9a-f]{32})\\z')
      THEN 'arn:aws:kms:' || ${region} || ':' || ${account} || ':key/' || lower(${value}) END`;

const REQUEST_KEY = json('requestparameters', 'keyId');

/** The alias a request named, with the partition, account and region it lives in. */
const namedAlias = {
  partition: `CASE WHEN ${REQUEST_KEY} LIKE 'arn:%' THEN regexp_extract(${REQUEST_KEY}, '${ALIAS_ARN}', 1) ELSE 'aws' END`,
  alias: `CASE WHEN ${REQUEST_KEY} LIKE 'alias/%' THEN ${REQUEST_KEY} WHEN regexp_like(${REQUEST_KEY}, '${ALIAS_ARN}') THEN regexp_extract(${REQUEST_KEY}, '${ALIAS_ARN}', 4) END`,
  account: `CASE WHEN ${REQUEST_KEY} LIKE 'arn:%' THEN regexp_extract(${REQUEST_KEY}, '${ALIAS_ARN}', 3) ELSE recipientaccountid END`,
  region: `CASE WHEN ${REQUEST_KEY} LIKE 'arn:%' THEN regexp_extract(${REQUEST_KEY}, '${ALIAS_ARN}', 2) ELSE awsregion END`,
};

/** The key ARNs in resources[], in their order (the first is the call's key, as keytrail takes it). */
const RESOURCE_KEYS = `filter(transform(coalesce(resources, ARRAY[]), r -> r.arn), a -> regexp_like(a, '${KEY_ARN}'))`;

/**
 * Every alias's target over time, per account and region, from the trail itself: its
 * CreateAlias/UpdateAlias/DeleteAlias calls, and calls by alias whose one key resource shows
 * the key it named then. An alias first seen in use (created before the trail) holds from the
 * start; one first seen created, from its creation. Intervals [since, until), NULL = open.
 */
export function aliasIntervalsCte(trail: string): string {
  return `alias_evidence AS (
  SELECT recipientaccountid AS account, awsregion AS region, ${json('requestparameters', 'aliasName')} AS alias,
    CASE WHEN eventname = 'DeleteAlias' THEN NULL ELSE ${keyArnOf(json('requestparameters', 'targetKeyId'), 'awsregion', 'recipientaccountid')} END AS target,
    from_iso8601_timestamp(eventtime) AS since, true AS changed
  FROM ${trail}
  WHERE eventsource = 'kms.amazonaws.com' AND eventname IN ('CreateAlias', 'UpdateAlias', 'DeleteAlias') AND errorcode IS NULL
    AND ${json('requestparameters', 'aliasName')} IS NOT NULL
  UNION ALL
  SELECT ${namedAlias.account}, ${namedAlias.region}, ${namedAlias.alias}, element_at(${RESOURCE_KEYS}, 1), from_iso8601_timestamp(eventtime), false
  FROM ${trail}
  WHERE ${namedAlias.alias} IS NOT NULL AND cardinality(array_distinct(${RESOURCE_KEYS})) = 1
), alias_intervals AS (
  SELECT account, region, alias, target,
    CASE WHEN NOT changed AND row_number() OVER (PARTITION BY account, region, alias ORDER BY since, changed DESC) = 1 THEN NULL ELSE since END AS since,
    lead(since) OVER (PARTITION BY account, region, alias ORDER BY since, changed DESC) AS until
  FROM alias_evidence
)`;
}


/**
 * `keyed`: the deduplicated events with `key_arns`, the key(s) each call used, and `key_values`,
 * what the index files the call under (the `key` entities a `key:` term or a bare word reads):
 * the same keys, or for a call by alias that no alias history resolves (a refused Decrypt by
 * alias shows no key), the alias ARN in its account and region. Over a CTE `events` that has `event_time`.
 */
export function keyedEventsCte(): string {
  const aliasArn = "'arn:' || n.named_partition || ':kms:' || n.named_region || ':' || n.named_account || ':' || n.named_alias";
  return `named AS (
  SELECT e.*, ${RESOURCE_KEYS} AS resource_keys, ${keyArnOf(REQUEST_KEY, 'awsregion', 'recipientaccountid')} AS named_key,
    ${namedAlias.alias} AS named_alias, ${namedAlias.partition} AS named_partition, ${namedAlias.account} AS named_account, ${namedAlias.region} AS named_region
  FROM events e
), used AS (
  SELECT n.*, CASE WHEN cardinality(n.resource_keys) > 0 THEN n.resource_keys ELSE filter(ARRAY[coalesce(n.named_key, a.target)], k -> k IS NOT NULL) END AS key_arns,
    ${aliasArn} AS alias_arn
  FROM named n LEFT JOIN alias_intervals a
    ON a.alias = n.named_alias AND a.account = n.named_account AND a.region = n.named_region
    AND (a.since IS NULL OR n.event_time >= a.since) AND (a.until IS NULL OR n.event_time < a.until)
), keyed AS (
  SELECT u.*, CASE WHEN cardinality(u.key_arns) = 0 AND u.alias_arn IS NOT NULL THEN ARRAY[u.alias_arn] ELSE u.key_arns END AS key_values
  FROM used u
)`;
}

/** The alias name (`alias/x`) of an alias ARN, as the index reads it (query/key-terms.ts); a key ARN is left whole. */
const aliasNameOf = (k: string): string => `substr(${k}, strpos(${k}, ':alias/') + 1)`;

/**
 * The keys a `key:` value names, as a one-row subquery yielding ARRAY(VARCHAR) (for aliases) or a
 * test on one of the `key_values` `k`: a key ARN, or the alias ARN of a call no alias history resolves.
 */
export function keyValueTest(value: string): { test: (k: string) => string; aliasKeys?: string } {
  const lower = value.toLowerCase();
  if (value.includes('*')) {
    return {
      test: (k) => `lower(${k}) LIKE ${likeLiteral(value)} ESCAPE '\\'`,
      aliasKeys: `SELECT array_agg(DISTINCT target) FROM alias_intervals WHERE target IS NOT NULL AND lower(alias) LIKE ${likeLiteral(value)} ESCAPE '\\'`,
    };
  }
  const aliasArn = new RegExp(ALIAS_ARN.replace('\\A', '^').replace('\\z', '$')).exec(value);
  if (aliasArn) {
    const where = `account = ${sqlLiteral(aliasArn[3]!)} AND region = ${sqlLiteral(aliasArn[2]!)} AND alias = ${sqlLiteral(aliasArn[4]!)}`;
    return { test: (k) => `${k} = ${sqlLiteral(value)}`, aliasKeys: `SELECT array_agg(DISTINCT target) FROM alias_intervals WHERE target IS NOT NULL AND ${where}` };
  }
  if (value.startsWith('alias/')) {
    return {
      test: (k) => `${aliasNameOf(k)} = ${sqlLiteral(value)}`,
      aliasKeys: `SELECT array_agg(DISTINCT target) FROM alias_intervals WHERE target IS NOT NULL AND alias = ${sqlLiteral(value)}`,
    };
  }
  // A key ARN names exactly that key (one replica of a multi-Region key); a bare id names it in every account and region.
  if (lower.startsWith('arn:')) return { test: (k) => `lower(${k}) = ${sqlLiteral(lower)}` };
  return { test: (k) => `lower(${k}) LIKE ${likeLiteral(`*:key/${value}`)} ESCAPE '\\'` };
}
