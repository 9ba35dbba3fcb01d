import type { IndexDb } from '../index/open.js';
import { eventCount } from '../index/event-count.js';
import { indexedTimeRange } from '../index/time-range.js';
import { formatTime } from '../normalize/time.js';
import type { IndexStats } from './report.js';

/** What the index holds, for the note: cheap reads (the event count is kept in meta). */
export function indexStats(db: IndexDb): IndexStats {
  const files = db.prepare("SELECT count(*) FROM files WHERE kind IN ('document', 'jsonl')").pluck().get() as number;
  const rejected = db.prepare('SELECT count(*) FROM rejected').pluck().get() as number;
  const { first, last } = indexedTimeRange(db);
  return { events: eventCount(db), files, rejectedRecords: rejected, firstEvent: formatTime(first), lastEvent: formatTime(last) };
}
