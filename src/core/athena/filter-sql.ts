import { getHit } from '../detect/hits-read.js';
import type { IndexDb } from '../index/open.js';
import { eventIdForUid, eventIdsForId } from '../query/event-detail.js';
import { looksLikeIp, notAnIpMessage, parseCidr } from '../query/cidr.js';
import type { FilterTerm } from '../query/filter-parse.js';
import { negatedBoundError, parseTimeBound } from '../query/time-bound.js';
import { EVENT_KIND } from './event-columns.js';
import { inCidr } from './ip-sql.js';
import { ALL_VALUES, ENTITY_VALUES, EVENT_VALUE } from './entity-values.js';
import { keyValueTest } from './key-sql.js';
import type { Pruning } from './table-scheme.js';
import { anyOf, likeLiteral, matchAny, matchValue, not, sqlLiteral } from './sql-text.js';

/** A filter as conditions on the `keyed`/`events` rows, with what it needs besides them. */
export interface FilterSql {
  conditions: string[];
  /** One-row subqueries, each the keys an alias named (ARRAY(VARCHAR)), read as key_sets.kN. */
  keySets: string[];
  usesKeys: boolean;
  pruning: Pruning;
}

function keyCondition(sql: FilterSql, value: string): string {
  sql.usesKeys = true;
  const { test, aliasKeys } = keyValueTest(value);
  let named = '';
  if (aliasKeys) {
    sql.keySets.push(aliasKeys);
    named = ` OR contains(coalesce(key_sets.k${sql.keySets.length}, ARRAY[]), k)`;
  }
  return `coalesce(cardinality(filter(key_values, k -> ${test('k')}${named})) > 0, false)`;
}

/** A bare word: any indexed value containing it, the `key` values (keys resolved through aliases) included. */
function textCondition(sql: FilterSql, value: string): string {
  sql.usesKeys = true;
  return `coalesce(cardinality(filter(concat(${ALL_VALUES}, key_values), v -> lower(v) LIKE ${likeLiteral(`*${value}*`)} ESCAPE '\\')) > 0, false)`;
}

function hitCondition(db: IndexDb | null, id: string): string {
  if (!db) throw new Error(`hit: "${id}" is a detection hit of a local index: give --db (or run keytrail detect --athena for the rule)`);
  const hit = getHit(db, id);
  if (!hit) throw new Error(`hit: no detection hit "${id}" in this index (see keytrail detect)`);
  const ids = [...new Set(hit.eventIDs.map((uid) => eventIdForUid(db, uid)))];
  return ids.length > 0 ? `eventid IN (${ids.map(sqlLiteral).join(', ')})` : 'false';
}

/**
 * As the index resolves `ip:` (src/core/query/value-resolve.ts): an address or range by what it
 * contains, a lone address as /32 or /128, so `203.0.113.7` also finds `::ffff:203.0.113.7` and
 * `2001:db8::1` finds `2001:db8:0:0::1`; other values (a service's host name) as text.
 */
function ipCondition(value: string): string {
  if (!value.includes('*') && parseCidr(value)) return inCidr('sourceipaddress', value);
  if (!value.includes('*') && looksLikeIp(value)) throw new Error(`ip: ${notAnIpMessage(value)}`);
  return matchValue(EVENT_VALUE.ip!, value);
}

function valueCondition(sql: FilterSql, db: IndexDb | null, field: string, value: string): string {
  switch (field) {
    case 'key': return keyCondition(sql, value);
    case 'principal': case 'role': return matchValue(EVENT_VALUE[field]!, value, { suffix: true });
    case 'ip': return ipCondition(value);
    case 'event': case 'error': case 'request': return matchValue(EVENT_VALUE[field]!, value);
    case 'actor': case 'source': return matchValue(field, value);
    case 'region': return matchValue('awsregion', value);
    case 'kind': return matchValue(EVENT_KIND, value);
    // Exact, case aside: CloudTrail writes ids in lower case, and a UUID may be pasted in capitals.
    // Exact, case aside. A variant's uid in the local index (`eventID~1a2b3c4d`) also names its eventID:
    // the SQL cannot tell the records that share an eventID apart.
    case 'id': return value.includes('*') ? matchValue('eventid', value)
      : `lower(eventid) IN (${[...new Set((db ? eventIdsForId(db, value) : [value]).map((id) => id.toLowerCase()))].map(sqlLiteral).join(', ')})`;
    case 'hit': return hitCondition(db, value);
    case 'text': return textCondition(sql, value);
    default: return matchAny(ENTITY_VALUES[field]!, value);
  }
}

function timeTerm(sql: FilterSql, term: FilterTerm, now: number): void {
  const bound = term.field.name === 'since' ? 'since' : 'until';
  if (term.negate) throw new Error(negatedBoundError(term.field.name, bound));
  const found = parseTimeBound(term.values[0] ?? '', bound, now);
  if ('error' in found) throw new Error(`${term.field.name}: ${found.error}`);
  const instant = `from_iso8601_timestamp(${sqlLiteral(new Date(found.time).toISOString())})`;
  // As in the index: since is inclusive, until exclusive (already past the named second or day); a
  // record without a readable time counts as time zero.
  sql.conditions.push(bound === 'since' ? `event_time >= ${instant}` : `(event_time IS NULL OR event_time < ${instant})`);
  if (bound === 'since') sql.pruning.since = Math.max(sql.pruning.since ?? found.time, found.time);
  else sql.pruning.until = Math.min(sql.pruning.until ?? found.time, found.time);
}

/** Every term as a condition; `db` only for `hit:` (hits are local); `now` resolves ages such as since:2h. */
export function filterSql(terms: FilterTerm[], options: { db?: IndexDb | null; now: number }): FilterSql {
  const sql: FilterSql = { conditions: [], keySets: [], usesKeys: false, pruning: { since: null, until: null, regions: [] } };
  for (const term of terms) {
    if (term.field.target.type === 'time') {
      timeTerm(sql, term, options.now);
      continue;
    }
    const condition = anyOf(term.values.map((value) => valueCondition(sql, options.db ?? null, term.field.name, value)));
    sql.conditions.push(term.negate ? not(condition) : condition);
    if (term.field.name === 'region' && !term.negate) sql.pruning.regions.push(term.values);
  }
  return sql;
}
