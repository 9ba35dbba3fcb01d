import type { IndexDb } from '../index/open.js';
import type { CompiledFilter } from './filter-compile.js';
import { chooseDriver, filterConditions, ID_SET, MERGE_MAX_VALUES, type Driver } from './match-sql.js';

/** A position in the time-ordered list: pages continue from here by key, never by OFFSET. */
export interface Cursor {
  time: number;
  seq: number;
}

export interface PageRequest {
  limit: number;
  /** `older`: events before the cursor (scrolling down); `newer`: after it (scrolling up). */
  direction: 'older' | 'newer';
  cursor?: Cursor;
}


function cursorCondition(alias: string, request: PageRequest): { sql: string; params: number[] } | null {
  if (!request.cursor) return null;
  const op = request.direction === 'older' ? '<' : '>';
  return { sql: `(${alias}.time, ${alias}.seq) ${op} (?, ?)`, params: [request.cursor.time, request.cursor.seq] };
}

function keysFromEvents(db: IndexDb, filter: CompiledFilter, driver: Driver, request: PageRequest): Cursor[] {
  const part = filterConditions(filter, driver, 'e');
  if (driver.type === 'seqs') {
    part.where.unshift(`e.seq IN ${ID_SET}`);
    part.params.unshift(JSON.stringify(driver.condition.seqs));
  }
  const cursor = cursorCondition('e', request);
  if (cursor) {
    part.where.push(cursor.sql);
    part.params.push(...cursor.params);
  }
  const order = request.direction === 'older' ? 'DESC' : 'ASC';
  const where = part.where.length > 0 ? `WHERE ${part.where.join(' AND ')}` : '';
  const sql = `SELECT e.time AS time, e.seq AS seq FROM events e ${where} ORDER BY e.time ${order}, e.seq ${order} LIMIT ?`;
  return db.prepare(sql).all(...part.params, request.limit) as Cursor[];
}

/**
 * One value's (value_id, time, seq) range, or a small set of values sorted together.
 * `reach`: a key the page already has at its far end; rows beyond it cannot make the page.
 */
function keysFromEntity(db: IndexDb, filter: CompiledFilter, driver: Driver & { type: 'entity' }, valueIds: number[], request: PageRequest,
  reach?: Cursor): Cursor[] {
  const part = filterConditions(filter, driver, 'd');
  const cursor = cursorCondition('d', request);
  if (cursor) {
    part.where.push(cursor.sql);
    part.params.push(...cursor.params);
  }
  if (reach) {
    part.where.push(`(d.time, d.seq) ${request.direction === 'older' ? '>' : '<'} (?, ?)`);
    part.params.push(reach.time, reach.seq);
  }
  const order = request.direction === 'older' ? 'DESC' : 'ASC';
  const single = valueIds.length === 1;
  const where = [single ? 'd.value_id = ?' : `d.value_id IN ${ID_SET}`, ...part.where].join(' AND ');
  // Joined to the events rows even without a condition on them: a page lists only events that exist, whatever
  // entity rows a removed file left behind (they are found again from its raw records, by today's normalizer).
  const sql = `SELECT ${single ? '' : 'DISTINCT '}d.time AS time, d.seq AS seq FROM entities d JOIN events e ON e.seq = d.seq
    WHERE ${where} ORDER BY d.time ${order}, d.seq ${order} LIMIT ?`;
  const first = single ? valueIds[0] : JSON.stringify(valueIds);
  return db.prepare(sql).all(first, ...part.params, request.limit) as Cursor[];
}

function compareKeys(a: Cursor, b: Cursor): number {
  return a.time - b.time || a.seq - b.seq;
}

/**
 * Several small ranges: read each one's first page and merge, so no sort of a large set.
 * The busiest values go first; once a page is full, the others are read only up to its
 * last key, so a value whose events rarely pass the other terms is not read to its end
 * (`event:Decrypt error:*`: ThrottlingException on other calls).
 */
function mergeRanges(db: IndexDb, filter: CompiledFilter, driver: Driver & { type: 'entity' }, request: PageRequest): Cursor[] {
  const seen = new Map<number, Cursor>();
  const sign = request.direction === 'older' ? -1 : 1;
  let page: Cursor[] = [];
  for (const valueId of busiestFirst(db, driver.condition.valueIds)) {
    const reach = page.length >= request.limit ? page[page.length - 1] : undefined;
    for (const key of keysFromEntity(db, filter, driver, [valueId], request, reach)) seen.set(key.seq, key);
    page = [...seen.values()].sort((a, b) => sign * compareKeys(a, b)).slice(0, request.limit);
  }
  return page;
}

function busiestFirst(db: IndexDb, valueIds: number[]): number[] {
  if (valueIds.length === 1) return valueIds;
  const ordered = db.prepare(`SELECT id FROM entity_values WHERE id IN ${ID_SET} ORDER BY events DESC`).pluck().all(JSON.stringify(valueIds)) as number[];
  const known = new Set(ordered);
  return [...ordered, ...valueIds.filter((id) => !known.has(id))];
}

/** The keys (time, seq) of one page of matching events, newest first. */
export function pageKeys(db: IndexDb, filter: CompiledFilter, request: PageRequest): Cursor[] {
  if (filter.matchesNothing || filter.errors.length > 0) return [];
  const driver = chooseDriver(filter);
  let keys: Cursor[];
  if (driver.type !== 'entity') keys = keysFromEvents(db, filter, driver, request);
  else if (driver.condition.valueIds.length <= MERGE_MAX_VALUES) keys = mergeRanges(db, filter, driver, request);
  else keys = keysFromEntity(db, filter, driver, driver.condition.valueIds, request);
  return request.direction === 'newer' ? keys.reverse() : keys;
}
