import type { IndexDb } from '../index/open.js';
import { loadEventRows, type EventRow } from './event-rows.js';
import type { CompiledFilter } from './filter-compile.js';
import { pageKeys, type Cursor, type PageRequest } from './page.js';

/** One page of full rows. */
export function queryPage(db: IndexDb, filter: CompiledFilter, request: PageRequest): EventRow[] {
  return loadEventRows(db, pageKeys(db, filter, request).map((key) => key.seq));
}

/**
 * Every matching event, newest first, `chunk` rows at a time by key: memory stays
 * bounded whatever the index holds. `limit` 0 means all.
 */
export function* iterateEvents(db: IndexDb, filter: CompiledFilter, limit = 0, chunk = 1000): Generator<EventRow> {
  let cursor: Cursor | undefined;
  let produced = 0;
  while (limit === 0 || produced < limit) {
    const size = limit === 0 ? chunk : Math.min(chunk, limit - produced);
    const keys = pageKeys(db, filter, { limit: size, direction: 'older', cursor });
    if (keys.length === 0) return;
    for (const row of loadEventRows(db, keys.map((key) => key.seq))) {
      produced++;
      yield row;
    }
    const last = keys[keys.length - 1]!;
    cursor = { time: last.time, seq: last.seq };
    if (keys.length < size) return;
  }
}
