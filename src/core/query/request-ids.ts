import { hash52 } from '../index/event-id.js';
import type { IndexDb } from '../index/open.js';
import type { Cursor } from './page.js';

/**
 * Events of one request id, oldest first, through events_by_request: the hash finds the
 * rows, the text confirms them. `limit` bounds what is read (-1: all).
 */
export const EVENTS_OF_REQUEST_SQL = `SELECT time, seq FROM events WHERE request_hash = ? AND request_id = ?
  ORDER BY time, seq LIMIT ?`;

export function eventsOfRequest(db: IndexDb, requestId: string, limit = -1): Cursor[] {
  return db.prepare(EVENTS_OF_REQUEST_SQL).all(hash52(requestId), requestId, limit) as Cursor[];
}

/** The same, with the statement prepared once: for callers that look up many ids. */
export function requestLookup(db: IndexDb): (requestId: string, limit?: number) => Cursor[] {
  const statement = db.prepare(EVENTS_OF_REQUEST_SQL);
  return (requestId, limit = -1) => statement.all(hash52(requestId), requestId, limit) as Cursor[];
}
