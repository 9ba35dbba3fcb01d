import type { IndexDb } from '../index/open.js';
import type { EntityKind } from '../normalize/types.js';
import type { CompiledFilter } from './filter-compile.js';
import { isTextColumn, ROW_ONLY_KINDS } from '../index/schema.js';
import { EVENT_COLUMNS } from './entity-columns.js';
import { KeyNames } from './key-names.js';
import { MatchBitmap } from './match-bitmap.js';
import { matchingEventsSql, matchingSeqsSql } from './match-sql.js';

export interface FacetValue {
  value: string;
  count: number;
  /** For keys: the aliases the key is known by. */
  aliases?: string[];
}


/** No condition at all: counts come from the kept totals, not from a scan. */
export function isUnfiltered(filter: CompiledFilter): boolean {
  return filter.entities.length === 0 && filter.columns.length === 0 && filter.ids.length === 0 && (filter.seqs ?? []).length === 0
    && filter.since === null && filter.until === null;
}

/**
 * Whether counting this kind under a filter probes every value of the kind (entity rows are keyed by
 * value, not by event): its cost has a fixed part, so cutting the work in thin time slices does not pay.
 */
export function facetProbesEveryValue(kind: EntityKind): boolean {
  return kind !== 'key' && EVENT_COLUMNS[kind] === undefined;
}

/**
 * Value counts of one kind among the events matching a filter, most frequent first. `names` resolves
 * keys; a caller counting slice after slice passes one, so each key is looked up once, not per slice.
 */
export function facetCounts(db: IndexDb, filter: CompiledFilter, kind: EntityKind, limit = 20, names?: KeyNames): FacetValue[] {
  if (filter.matchesNothing || filter.errors.length > 0) return [];
  if (kind === 'key') return keyFacet(db, filter, limit, names ?? new KeyNames(db));
  // Row-only kinds have no kept totals: they are counted on the rows, as under a filter.
  if (isUnfiltered(filter) && !ROW_ONLY_KINDS.has(kind)) {
    return db.prepare('SELECT value, events AS count FROM entity_values WHERE kind = ? AND events > 0 ORDER BY events DESC, value LIMIT ?')
      .all(kind, limit) as FacetValue[];
  }
  const column = EVENT_COLUMNS[kind];
  if (column && !isTextColumn(column)) {
    const events = matchingEventsSql(filter);
    return db.prepare(`SELECT e.${column} AS value, count(*) AS count ${events.sql} AND e.${column} IS NOT NULL
      GROUP BY e.${column} ORDER BY count DESC, value LIMIT ?`).all(...events.params, limit) as FacetValue[];
  }
  if (column) {
    const events = matchingEventsSql(filter);
    // Counted by text id, each counted id named after: a name looked up per row cost more than the count.
    return db.prepare(`SELECT t.text AS value, c.count AS count FROM (SELECT e.${column}_id AS id, count(*) AS count ${events.sql}
      AND e.${column}_id IS NOT NULL GROUP BY e.${column}_id) c JOIN texts t ON t.id = c.id ORDER BY count DESC, value LIMIT ?`)
      .all(...events.params, limit) as FacetValue[];
  }
  const matches = new MatchBitmap(db);
  matches.collect(filter);
  // An entity row carries its event's time: bounding it lets each value's (value_id, time, seq) range skip
  // what lies outside the filter's span, instead of reading every row of the kind.
  const span = [filter.since === null ? '' : 'AND y.time >= ?', filter.until === null ? '' : 'AND y.time < ?'].join(' ');
  const bounds = [filter.since, filter.until].filter((bound) => bound !== null);
  return matches.test(() => db.prepare(`SELECT v.value AS value, count(*) AS count FROM entities y JOIN entity_values v ON v.id = y.value_id
    WHERE v.kind = ? ${span} AND keytrail_matched(y.seq) GROUP BY v.id ORDER BY count DESC, value LIMIT ?`)
    .all(kind, ...bounds, limit) as FacetValue[]);
}

/**
 * Keys are counted by the event's key and shown by ARN with their aliases, however the events named
 * them; events whose alias no history resolves are counted under the alias ARN (one account and region).
 */
function keyFacet(db: IndexDb, filter: CompiledFilter, limit: number, names: KeyNames): FacetValue[] {
  const events = isUnfiltered(filter) ? { sql: 'FROM events e WHERE 1', params: [] } : matchingEventsSql(filter);
  const rows = db.prepare(`SELECT t.text AS keyRef, c.count AS count FROM (SELECT e.key_ref_id AS id, count(*) AS count ${events.sql}
    AND e.key_ref_id IS NOT NULL GROUP BY e.key_ref_id) c JOIN texts t ON t.id = c.id`).all(...events.params) as Array<{ keyRef: string; count: number }>;
  const merged = new Map<string, FacetValue>();
  for (const row of rows) {
    const name = names.resolve(row.keyRef);
    const value = name.keyId === null ? row.keyRef : name.display;
    const entry = merged.get(value) ?? { value, count: 0, aliases: name.aliases };
    entry.count += row.count;
    merged.set(value, entry);
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
}

/** How many events match, counting no further than `cap` (a status line says "10,000+"). */
export function countMatches(db: IndexDb, filter: CompiledFilter, cap = 1_000_000): number {
  if (filter.matchesNothing || filter.errors.length > 0) return 0;
  if (isUnfiltered(filter)) {
    return Number(db.prepare("SELECT value FROM meta WHERE key = 'event_count'").pluck().get() ?? 0);
  }
  const matching = matchingSeqsSql(filter);
  return db.prepare(`SELECT count(*) FROM (${matching.sql} LIMIT ?)`).pluck().get(...matching.params, cap) as number;
}
