import { requestHash } from '../index/event-id.js';
import type { IndexDb } from '../index/open.js';
import type { Cursor } from './page.js';

/**
 * Looks up the events of a request id, oldest first, through events_by_request: the hash
 * finds the rows, the text confirms them. `limit` bounds what is read (-1: all). The
 * statement is prepared once per lookup function: callers look up many ids.
 */
export function requestLookup(db: IndexDb): (requestId: string, limit?: number) => Cursor[] {
  const statement = db.prepare(`SELECT time, seq FROM events WHERE request_hash = ? AND request_id = ? COLLATE NOCASE
    ORDER BY time, seq LIMIT ?`);
  return (requestId, limit = -1) => statement.all(requestHash(requestId), requestId, limit) as Cursor[];
}
