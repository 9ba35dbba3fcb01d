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

/** One value's (value_id, time, seq) range, or a small set of values sorted together. */
function keysFromEntity(db: IndexDb, filter: CompiledFilter, driver: Driver & { type: 'entity' }, valueIds: number[], request: PageRequest): Cursor[] {
  const part = filterConditions(filter, driver, 'd');
  const cursor = cursorCondition('d', request);
  if (cursor) {
    part.where.push(cursor.sql);
    part.params.push(...cursor.params);
  }
  const order = request.direction === 'older' ? 'DESC' : 'ASC';
  const single = valueIds.length === 1;
  const where = [single ? 'd.value_id = ?' : `d.value_id IN ${ID_SET}`, ...part.where].join(' AND ');
  const sql = `SELECT ${single ? '' : 'DISTINCT '}d.time AS time, d.seq AS seq FROM entities d JOIN events e ON e.seq = d.seq
    WHERE ${where} ORDER BY d.time ${order}, d.seq ${order} LIMIT ?`;
  const first = single ? valueIds[0] : JSON.stringify(valueIds);
  return db.prepare(sql).all(first, ...part.params, request.limit) as Cursor[];
}

function compareKeys(a: Cursor, b: Cursor): number {
  return a.time - b.time || a.seq - b.seq;
}

/** Several small ranges: read each one's first page and merge, so no sort of a large set. */
function mergeRanges(db: IndexDb, filter: CompiledFilter, driver: Driver & { type: 'entity' }, request: PageRequest): Cursor[] {
  const seen = new Map<number, Cursor>();
  for (const valueId of driver.condition.valueIds) {
    for (const key of keysFromEntity(db, filter, driver, [valueId], request)) seen.set(key.seq, key);
  }
  const sign = request.direction === 'older' ? -1 : 1;
  return [...seen.values()].sort((a, b) => sign * compareKeys(a, b)).slice(0, request.limit);
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
