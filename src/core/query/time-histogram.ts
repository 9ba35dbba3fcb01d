import type { IndexDb } from '../index/open.js';
import type { CompiledFilter } from './filter-compile.js';
import { matchingSeqsSql } from './match-sql.js';
import { pageKeys } from './page.js';

/** Equal time buckets: bucket i covers [start + i*width, start + (i+1)*width). */
export interface BucketSpec {
  start: number;
  width: number;
  count: number;
}

/** Events without a usable time are stored at time 0; a chart starts after them. */
const AFTER_UNTIMED = { time: 0, seq: Number.MAX_SAFE_INTEGER };

/** The times of the oldest and newest matching events (with a time): two one-row index reads. */
export function matchTimeRange(db: IndexDb, filter: CompiledFilter): { first: number; last: number } | null {
  const [oldest] = pageKeys(db, filter, { limit: 1, direction: 'newer', cursor: AFTER_UNTIMED });
  const [newest] = pageKeys(db, filter, { limit: 1, direction: 'older' });
  if (!oldest || !newest || newest.time <= 0) return null;
  return { first: oldest.time, last: newest.time };
}

/**
 * Matching events per time bucket, in one grouped pass over the filter's match set
 * (the time index alone when unfiltered). Events outside the buckets are not counted.
 */
export function timeHistogram(db: IndexDb, filter: CompiledFilter, spec: BucketSpec): number[] {
  const counts = new Array<number>(spec.count).fill(0);
  if (filter.matchesNothing || filter.errors.length > 0 || spec.count <= 0 || spec.width <= 0) return counts;
  const matching = matchingSeqsSql(filter);
  const end = spec.start + spec.width * spec.count;
  // Bound numbers arrive as REAL: cast, or every event would be its own bucket.
  const rows = db.prepare(`SELECT CAST((m.time - ?) / ? AS INTEGER) AS bucket, count(*) AS events FROM (${matching.sql}) m
    WHERE m.time >= ? AND m.time < ? GROUP BY bucket`)
    .all(spec.start, spec.width, ...matching.params, spec.start, end) as Array<{ bucket: number; events: number }>;
  for (const row of rows) {
    const index = Math.floor(row.bucket);
    if (index >= 0 && index < spec.count) counts[index] = row.events;
  }
  return counts;
}
