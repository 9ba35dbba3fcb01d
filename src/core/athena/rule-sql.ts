import type { DetectionConfig } from '../detect/config.js';
import { parseLearningWindow } from '../detect/learning.js';
import { API_CALL, SUBJECT } from './event-columns.js';
import { sqlLiteral } from './sql-text.js';

/**
 * A detection rule as SQL over the `events` CTE (each delivered event once, with keytrail's
 * caller, role, actor and time), or `keyed` (plus the keys used) when `keys` is set: the
 * rule's own CTEs and a final SELECT with one row per hit and an `eventids` array.
 */
export interface RuleSql {
  ctes: string[];
  select: string;
  keys?: boolean;
}

/** The calls that hand out or use data keys, and the crypto calls whose failures are watched (the rules' local runs read them too). */
export const DATA_KEY_NAMES = ['Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'];
export const CRYPTO_FAILURE_NAMES = ['Decrypt', 'Encrypt', 'ReEncrypt', ...DATA_KEY_NAMES.slice(1)];

/** The columns every rule reads: who (subject), when (ts, epoch seconds), and the call's identity. */
export const RULE_EVENT = `${SUBJECT} AS subject, to_unixtime(event_time) AS ts, eventid`;

/** Calls only (not network-activity records), with a time, by someone AWS services are not. */
export const OWN_CALL = `${API_CALL} AND event_time IS NOT NULL AND actor <> 'service'`;

export function inList(values: readonly string[]): string {
  return `(${values.map(sqlLiteral).join(', ')})`;
}

/**
 * `learning`: the learning window over the trail's whole span (not a query's rows), in epoch
 * seconds, as keytrail computes it: the configured share of [first, last] rounded to the second, or a length.
 */
export function learningCte(config: DetectionConfig): string {
  const spec = parseLearningWindow(config.learningWindow) ?? { kind: 'share' as const, share: 0.25 };
  const end = spec.kind === 'share' ? `round((max(ts) - min(ts)) * ${spec.share})` : `${spec.millis / 1000}`;
  return `learning AS (
  SELECT min(ts) AS start_ts, min(ts) + ${end} AS end_ts
  FROM (SELECT to_unixtime(event_time) AS ts FROM events WHERE event_time IS NOT NULL) span
)`;
}

/**
 * Sliding-window bursts, as keytrail finds them: over `source` (grp, ts, eventid, weight, minimum),
 * every window [ts, ts + seconds) from a row whose weights reach the row's minimum, merged with
 * the windows it overlaps. `<name>_members`: the rows of each burst (grp, burst).
 */
export function burstCtes(name: string, source: string, seconds: number): string[] {
  return [
    `${name}_rows AS (SELECT s.*, row_number() OVER (PARTITION BY grp ORDER BY ts, eventid) AS n FROM ${source} s)`,
    `${name}_windows AS (
  SELECT a.grp, a.n AS first_n, max(b.n) AS last_n
  FROM ${name}_rows a JOIN ${name}_rows b ON b.grp = a.grp AND b.n >= a.n AND b.ts < a.ts + ${seconds}
  GROUP BY a.grp, a.n HAVING sum(b.weight) >= max(a.minimum)
)`,
    `${name}_opens AS (
  SELECT grp, first_n, last_n, CASE WHEN coalesce(max(last_n) OVER (PARTITION BY grp ORDER BY first_n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) < first_n THEN 1 ELSE 0 END AS opens
  FROM ${name}_windows
)`,
    `${name}_spans AS (
  SELECT grp, burst, min(first_n) AS first_n, max(last_n) AS last_n
  FROM (SELECT grp, first_n, last_n, sum(opens) OVER (PARTITION BY grp ORDER BY first_n) AS burst FROM ${name}_opens) ranges
  GROUP BY grp, burst
)`,
    `${name}_members AS (SELECT r.*, s.burst FROM ${name}_spans s JOIN ${name}_rows r ON r.grp = s.grp AND r.n BETWEEN s.first_n AND s.last_n)`,
  ];
}

/** The per-call rules: every call of these names is a hit (the local rule grades it; the SQL lists it). */
export function callsRule(names: readonly string[], columns: string[] = []): RuleSql {
  return {
    ctes: [],
    select: `SELECT eventtime, eventsource, eventname, principal, sourceipaddress, errorcode, recipientaccountid, awsregion,
  ${[...columns, 'ARRAY[eventid] AS eventids'].join(',\n  ')}
FROM events
WHERE ${API_CALL} AND eventname IN ${inList(names)}
ORDER BY eventtime, eventid`,
  };
}

/** `*` wildcards, whole value, case-sensitive: the config's principal patterns, as keytrail matches them. */
export function patternLike(column: string, pattern: string): string {
  return `${column} LIKE ${sqlLiteral(pattern.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, '%'))} ESCAPE '\\'`;
}

/** A key spec of the config (alias, key id or ARN) against a key ARN column. */
function sameKey(keyColumn: string, spec: string): string {
  if (spec.startsWith('alias/')) {
    return `contains(coalesce((SELECT array_agg(target) FROM alias_intervals WHERE alias = ${sqlLiteral(spec)}), ARRAY[]), ${keyColumn})`;
  }
  const keyId = /:key\/(.+)$/.exec(spec)?.[1] ?? spec;
  return `lower(regexp_extract(${keyColumn}, ':key/(.+)\\z', 1)) = ${sqlLiteral(keyId.toLowerCase())}`;
}

/** The config's `allow.principalsPerKey`: true when the subject is expected on the key (needs the keyed CTEs). */
export function allowedOnKey(config: DetectionConfig, keyColumn: string, subjectColumn: string): string {
  const entries = Object.entries(config.allow.principalsPerKey).filter(([, patterns]) => patterns.length > 0);
  if (entries.length === 0) return 'false';
  return `(${entries.map(([spec, patterns]) => `(${sameKey(keyColumn, spec)} AND (${patterns.map((pattern) => patternLike(subjectColumn, pattern)).join(' OR ')}))`).join(' OR ')})`;
}

/** Non-service calls that used a key, with the caller and the (first) key: the pairs first-seen rules follow. */
export const KEY_USE_CTE = `key_use AS (
  SELECT subject, kms_key, ts, eventid FROM (SELECT ${RULE_EVENT}, element_at(key_arns, 1) AS kms_key FROM keyed WHERE ${OWN_CALL}) calls
  WHERE subject IS NOT NULL AND kms_key IS NOT NULL
)`;
