import { eventHash, eventIdOfRow, eventIdsOfTyped, unpackedIdSql, variantUid } from '../index/event-id.js';
import type { IndexDb } from '../index/open.js';
import { cachedStatement } from '../index/statement-cache.js';
import { RawBlockReader } from '../index/raw-store.js';
import { normalizeEvent } from '../normalize/normalize.js';
import type { Entity } from '../normalize/types.js';
import { loadEventRows, type EventRow } from './event-rows.js';

export interface EventSource {
  file: string;
  position: number;
}

/** One event in full: its row, the raw JSON as delivered, its entities and every file it came from. */
export interface EventDetail {
  row: EventRow;
  raw: string;
  entities: Entity[];
  sources: EventSource[];
}

/**
 * Finds an event by seq, by exact uid, or by eventID (several events can share a
 * documentation eventID: the first by time wins; ask by uid to pick another).
 */
export function findEventSeq(db: IndexDb, id: string | number): number | null {
  if (typeof id === 'number') return id;
  const events = eventsForId(db, id);
  return (events.find((event) => event.byUid) ?? events[0])?.seq ?? null;
}

/** Every event an id names (see eventsForId), oldest first. */
export function seqsForId(db: IndexDb, id: string): number[] {
  return eventsForId(db, id).map((event) => event.seq);
}

/** The eventIDs an id names in this index: itself, and the eventID of the record whose uid it is (a variant's). */
export function eventIdsForId(db: IndexDb, id: string): string[] {
  const named = eventsForId(db, id).filter((event) => event.byUid).flatMap((event) => eventIdForSeq(db, event.seq) ?? []);
  return [...new Set([id, ...named])];
}

function eventIdForSeq(db: IndexDb, seq: number): string | null {
  const row = cachedStatement(db, `SELECT ${unpackedIdSql('uid')} AS uid, fingerprint FROM event_rows WHERE seq = ?`).get(seq) as { uid: string; fingerprint: number } | undefined;
  return row ? eventIdOfRow(row.uid, row.fingerprint) : null;
}

/** The eventID of the stored event a uid names (its log's eventID; the uid itself when no event has it). */
export function eventIdForUid(db: IndexDb, uid: string): string {
  const seq = findEventSeq(db, uid);
  return (seq === null ? null : eventIdForSeq(db, seq)) ?? uid;
}

/**
 * Events of one id through the event_hash index, oldest first: every event that carries it as its
 * eventID (reused ids give several), and the event whose uid it is (`byUid`). `eventID~1a2b3c4d`
 * names a record by its content fingerprint, so it finds the same record after a rebuild that read
 * the files in another order (and gave the bare eventID to another of the records). Case aside (a
 * UUID pasted in capitals, a documentation eventID in mixed case); when some match as typed, only those.
 */
function eventsForId(db: IndexDb, id: string): Array<{ seq: number; byUid: boolean }> {
  const found = new Map<number, { seq: number; time: number; byUid: boolean; asTyped: boolean }>();
  const lower = id.toLowerCase();
  // An eventID may hold `~` itself: the id is tried as an eventID, and as a variant's uid.
  for (const eventId of eventIdsOfTyped(lower)) {
    // Prepared once per connection: a hit's evidence looks up each of its events by id.
    const rows = cachedStatement(db, `SELECT seq, time, ${unpackedIdSql('uid')} AS uid, fingerprint FROM event_rows WHERE event_hash = ?`)
      .all(eventHash(eventId)) as Array<{ seq: number; time: number; uid: string; fingerprint: number }>;
    for (const row of rows) {
      const rowEventId = eventIdOfRow(row.uid, row.fingerprint);
      if (rowEventId.toLowerCase() !== eventId) continue;
      // Typed as an eventID, the id names all its events; typed as a variant's uid, the record of that
      // fingerprint, whichever uid this index gave it.
      const uid = row.fingerprint === 0 ? row.uid : variantUid(rowEventId, row.fingerprint);
      const byUid = row.uid.toLowerCase() === lower || uid.toLowerCase() === lower;
      if (eventId === lower || byUid) {
        found.set(row.seq, { seq: row.seq, time: row.time, byUid, asTyped: row.uid === id || uid === id || rowEventId === id });
      }
    }
  }
  const all = [...found.values()];
  const asTyped = all.filter((event) => event.asTyped);
  return (asTyped.length > 0 ? asTyped : all).sort((a, b) => a.time - b.time || a.seq - b.seq);
}

export function loadEventDetail(db: IndexDb, id: string | number, reader = new RawBlockReader(db)): EventDetail | null {
  const seq = findEventSeq(db, id);
  if (seq === null) return null;
  const [row] = loadEventRows(db, [seq]);
  const location = db.prepare('SELECT raw_block AS block, raw_offset AS offset, raw_length AS length FROM events WHERE seq = ?')
    .get(seq) as { block: number; offset: number; length: number } | undefined;
  if (!row || !location) return null;
  const raw = reader.read(location.block, location.offset, location.length) ?? '';
  const sources = db.prepare(`SELECT f.path AS file, e.position AS position FROM events e JOIN files f ON f.id = e.file_id WHERE e.seq = ?
    UNION ALL SELECT f.path, s.position FROM event_sources s JOIN files f ON f.id = s.file_id WHERE s.seq = ?`).all(seq, seq) as EventSource[];
  return { row, raw, entities: entitiesOf(raw), sources };
}

/** Entities are recomputed from the raw event: the index keeps them by value, not by event. */
export function entitiesOf(raw: string): Entity[] {
  try {
    return normalizeEvent(JSON.parse(raw) as Record<string, unknown>, raw).entities;
  } catch {
    return [];
  }
}
