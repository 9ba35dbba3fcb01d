import type { IndexDb } from '../index/open.js';
import { eventCount } from '../index/event-count.js';
import { formatTime } from '../normalize/time.js';
import type { IndexStats } from './report.js';

/** What the index holds, for the note: cheap reads (the event count is kept in meta). */
export function indexStats(db: IndexDb): IndexStats {
  const files = db.prepare("SELECT count(*) FROM files WHERE kind IN ('document', 'jsonl')").pluck().get() as number;
  const rejected = db.prepare('SELECT count(*) FROM rejected').pluck().get() as number;
  // Both ends walk the time index; events without a time are stored at 0 and skipped.
  const first = db.prepare('SELECT min(time) FROM events WHERE time > 0').pluck().get() as number | null;
  const last = db.prepare('SELECT max(time) FROM events').pluck().get() as number | null;
  return { events: eventCount(db), files, rejectedRecords: rejected, firstEvent: formatTime(first), lastEvent: formatTime(last) };
}
