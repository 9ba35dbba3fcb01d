import type { IndexDb } from './open.js';

/**
 * The first and last event times the index holds (ms), or null when it holds none. Both ends walk
 * the time index; events without a time are stored at 0 and are not a first time.
 */
export function indexedTimeRange(db: IndexDb): { first: number | null; last: number | null } {
  const first = db.prepare('SELECT min(time) FROM events WHERE time > 0').pluck().get() as number | null;
  const last = db.prepare('SELECT max(time) FROM events').pluck().get() as number | null;
  return { first, last };
}
