import type { IndexDb } from './open.js';
import { cachedStatement } from './statement-cache.js';

/**
 * The number of unique events, kept in `meta` so status lines never count(*) millions of rows.
 * The delta is cast: a bound JS number arrives as a real and would store "1000000.0".
 */
export function adjustEventCount(db: IndexDb, delta: number): void {
  if (delta === 0) return;
  cachedStatement(db, `INSERT INTO meta (key, value) VALUES ('event_count', ?)
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(? AS INTEGER)`).run(String(delta), delta);
}

export function eventCount(db: IndexDb): number {
  // Read on every indexer message by the workbench: the statement is prepared once per connection.
  const value = cachedStatement(db, "SELECT value FROM meta WHERE key = 'event_count'").pluck().get() as string | undefined;
  return Number(value ?? 0);
}
