import { eventIdOfUid, hash52, variantUid } from '../index/event-id.js';
import type { IndexDb } from '../index/open.js';
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
  const [exact] = seqsForId(db, id, true);
  return exact ?? seqsForId(db, id, false)[0] ?? null;
}

/**
 * Events of one id through the event_hash index: the uid itself when `exact`, else every event
 * that carries the eventID (reused ids give several), oldest first. `eventID~1a2b3c4d` names a
 * record by its content fingerprint, so it finds the same record after a rebuild that read the
 * files in another order (and gave the bare eventID to another of the records).
 */
export function seqsForId(db: IndexDb, id: string, exact: boolean): number[] {
  const typed = seqsForIdAsTyped(db, id, exact);
  if (typed.length > 0) return typed;
  // Like every other field, an id matches whatever its case: a UUID copied from a console in capitals.
  for (const other of new Set([id.toLowerCase(), id.toUpperCase()])) {
    const seqs = other === id ? [] : seqsForIdAsTyped(db, other, exact);
    if (seqs.length > 0) return seqs;
  }
  return [];
}

function seqsForIdAsTyped(db: IndexDb, id: string, exact: boolean): number[] {
  const eventId = eventIdOfUid(id);
  const rows = db.prepare('SELECT seq, uid, fingerprint FROM events WHERE event_hash = ? ORDER BY time, seq')
    .all(hash52(eventId)) as Array<{ seq: number; uid: string; fingerprint: number }>;
  const sameId = rows.filter((row) => eventIdOfUid(row.uid) === eventId);
  if (!exact) return sameId.map((row) => row.seq);
  const byUid = sameId.filter((row) => row.uid === id);
  if (byUid.length > 0 || !id.includes('~')) return byUid.map((row) => row.seq);
  return sameId.filter((row) => row.fingerprint !== 0 && variantUid(eventId, row.fingerprint) === id).map((row) => row.seq);
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
