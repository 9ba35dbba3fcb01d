import type { CompiledFilter, EntityCondition, SeqCondition } from './filter-compile.js';
import { isTextColumn } from '../index/schema.js';
import { TEXT_IDS_OF_JSON, textIdsLikeSql } from '../index/text-sql.js';

/** SQL text built only from fixed fragments; every value is a bound parameter. */
export interface SqlPart {
  where: string[];
  params: unknown[];
}

/** Where events come from: the time index, or one value's (value_id, time, seq) range. */
export type Driver =
  | { type: 'events' }
  | { type: 'entity'; condition: EntityCondition }
  | { type: 'seqs'; condition: SeqCondition };

/** A value set as one bound JSON array, whatever its size (no SQL variable limit). */
export const ID_SET = '(SELECT value FROM json_each(?))';

/** Up to this many values are read as separate index ranges and merged (each range costs ~0.1 ms). */
export const MERGE_MAX_VALUES = 64;
const SORT_MAX_EVENTS = 200_000;
const SMALL_SORT_EVENTS = 20_000;

/**
 * Picks the cheapest way in: the positive entity term carrying the fewest events,
 * unless even that is so broad that walking the time index is cheaper.
 */
export function chooseDriver(filter: CompiledFilter): Driver {
  const byId = (filter.seqs ?? []).find((condition) => !condition.negate);
  if (byId) return { type: 'seqs', condition: byId };
  const positives = filter.entities.filter((condition) => !condition.negate);
  if (positives.length === 0) return { type: 'events' };
  const cheapest = positives.reduce((best, next) => (next.estimate < best.estimate ? next : best));
  if (cheapest.valueIds.length <= MERGE_MAX_VALUES) return { type: 'entity', condition: cheapest };
  // A large value set: sorting its events is cheap while they are few; beyond that, walking
  // the time index and testing each row (by column when the kind has one) finds a page sooner.
  const sortLimit = cheapest.column ? SMALL_SORT_EVENTS : SORT_MAX_EVENTS;
  return cheapest.estimate <= sortLimit ? { type: 'entity', condition: cheapest } : { type: 'events' };
}

/**
 * The conditions every matching event satisfies, on `e` (events) and `timeAlias` (the time/seq source).
 * `readsEvents`: whether any of them reads the events row; without one, an entity range alone answers.
 */
export function filterConditions(filter: CompiledFilter, driver: Driver, timeAlias: string): SqlPart & { readsEvents: boolean } {
  const time = timeConditions(filter, timeAlias);
  const row = rowConditions(filter, driver);
  return { where: [...time.where, ...row.where], params: [...time.params, ...row.params], readsEvents: row.where.length > 0 };
}

/** The filter's time span, on `t.time`: an entity row carries its event's time, so no events row is needed. */
function timeConditions(filter: CompiledFilter, timeAlias: string): SqlPart {
  const part: SqlPart = { where: [], params: [] };
  if (filter.since !== null) {
    part.where.push(`${timeAlias}.time >= ?`);
    part.params.push(filter.since);
  }
  if (filter.until !== null) {
    part.where.push(`${timeAlias}.time < ?`);
    part.params.push(filter.until);
  }
  return part;
}

/** The conditions the driver does not cover, each tested on the events row `e`. */
function rowConditions(filter: CompiledFilter, driver: Driver): SqlPart {
  const part: SqlPart = { where: [], params: [] };
  for (const condition of filter.entities) {
    if (driver.type === 'entity' && condition === driver.condition) continue;
    if (condition.column) {
      // One lookup per row instead of one index probe per value of a large set.
      const test = `e.${condition.column.name}_id IN ${TEXT_IDS_OF_JSON}`;
      part.where.push(condition.negate ? `coalesce(NOT ${test}, 1)` : test);
      part.params.push(JSON.stringify(condition.column.values));
      continue;
    }
    part.where.push(`${condition.negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM entities x WHERE x.value_id IN ${ID_SET} AND x.time = e.time AND x.seq = e.seq)`);
    part.params.push(JSON.stringify(condition.valueIds));
  }
  for (const column of filter.columns) {
    // A text column is tested by id: the texts that match are found once, not looked up per row.
    const any = isTextColumn(column.column)
      ? `e.${column.column}_id IN ${textIdsLikeSql(column.patterns.length)}`
      : column.patterns.map(() => `e.${column.column} LIKE ? ESCAPE '\\'`).join(' OR ');
    part.where.push(column.negate ? `NOT (coalesce(${any}, 0))` : `(${any})`);
    part.params.push(...column.patterns);
  }
  for (const condition of filter.seqs ?? []) {
    if (driver.type === 'seqs' && condition === driver.condition) continue;
    part.where.push(`e.seq ${condition.negate ? 'NOT ' : ''}IN ${ID_SET}`);
    part.params.push(JSON.stringify(condition.seqs));
  }
  for (const id of filter.ids) {
    const any = id.patterns.map(() => `e.uid LIKE ? ESCAPE '\\'`).join(' OR ');
    part.where.push(id.negate ? `NOT (${any})` : `(${any})`);
    part.params.push(...id.patterns);
  }
  return part;
}

/** `SELECT seq, time` of every matching event (unordered): for counts and facets. */
export function matchingSeqsSql(filter: CompiledFilter): { sql: string; params: unknown[] } {
  const driver = chooseDriver(filter);
  if (driver.type === 'seqs') {
    const part = filterConditions(filter, driver, 'e');
    const where = [`e.seq IN ${ID_SET}`, ...part.where].join(' AND ');
    return { sql: `SELECT e.seq AS seq, e.time AS time FROM events e WHERE ${where}`, params: [JSON.stringify(driver.condition.seqs), ...part.params] };
  }
  if (driver.type === 'events') {
    const part = filterConditions(filter, driver, 'e');
    const where = part.where.length > 0 ? `WHERE ${part.where.join(' AND ')}` : '';
    return { sql: `SELECT e.seq AS seq, e.time AS time FROM events e ${where}`, params: part.params };
  }
  const part = filterConditions(filter, driver, 'd');
  const where = [`d.value_id IN ${ID_SET}`, ...part.where].join(' AND ');
  // One value's rows hold each event once; several values may share an event.
  const distinct = driver.condition.valueIds.length > 1 ? 'DISTINCT ' : '';
  // Without row conditions the entity rows alone answer: reading a quarter of the events rows
  // only to drop nothing doubled every count and facet under a broad term.
  const join = part.readsEvents ? 'JOIN events e ON e.seq = d.seq ' : '';
  return {
    sql: `SELECT ${distinct}d.seq AS seq, d.time AS time FROM entities d ${join}WHERE ${where}`,
    params: [JSON.stringify(driver.condition.valueIds), ...part.params],
  };
}

/**
 * `FROM ... WHERE ...` over the matching events as `e`, each event once: for aggregates that read
 * event columns. One value's range joins its events directly; anything else goes through the seqs.
 */
export function matchingEventsSql(filter: CompiledFilter): { sql: string; params: unknown[] } {
  const driver = chooseDriver(filter);
  if (driver.type === 'entity' && driver.condition.valueIds.length === 1) {
    const part = filterConditions(filter, driver, 'd');
    const where = [`d.value_id = ?`, ...part.where].join(' AND ');
    return { sql: `FROM entities d JOIN events e ON e.seq = d.seq WHERE ${where}`, params: [driver.condition.valueIds[0], ...part.params] };
  }
  const matching = matchingSeqsSql(filter);
  return { sql: `FROM events e WHERE e.seq IN (SELECT seq FROM (${matching.sql}))`, params: matching.params };
}
