import { normalizeEvent } from '../normalize/normalize.js';
import type { IndexDb } from './open.js';
import { RawBlockReader } from './raw-store.js';

interface OwnedEvent {
  seq: number;
  time: number;
  rawBlock: number;
  rawOffset: number;
  rawLength: number;
  keyRef: string | null;
}

/**
 * Takes back everything a file contributed, before a new version of it is indexed:
 * events only it delivered are deleted with their entities; events another file also
 * delivered stay, owned by that file. Run inside the caller's transaction.
 */
export function removeFileContribution(db: IndexDb, fileId: number): number {
  const reader = new RawBlockReader(db);
  const owned = db.prepare(`SELECT seq, time, raw_block AS rawBlock, raw_offset AS rawOffset, raw_length AS rawLength,
    key_ref AS keyRef FROM events WHERE file_id = ?`).all(fileId) as OwnedEvent[];
  const otherSource = db.prepare('SELECT file_id AS fileId, position FROM event_sources WHERE seq = ? LIMIT 1');
  const promote = db.prepare('UPDATE event_rows SET file_id = ?, position = ? WHERE seq = ?');
  const dropSource = db.prepare('DELETE FROM event_sources WHERE seq = ? AND file_id = ?');
  let removed = 0;
  for (const event of owned) {
    const other = otherSource.get(event.seq) as { fileId: number; position: number } | undefined;
    if (other) {
      promote.run(other.fileId, other.position, event.seq);
      dropSource.run(event.seq, other.fileId);
    } else {
      deleteEvent(db, reader, event);
      removed++;
    }
  }
  db.prepare('DELETE FROM event_sources WHERE file_id = ?').run(fileId);
  db.prepare('DELETE FROM rejected WHERE file_id = ?').run(fileId);
  return removed;
}

/**
 * The event's entities are found again from its raw record, plus its key_ref: an event that
 * names its key only by alias is filed under the key the alias resolved to, not in the record.
 */
function deleteEvent(db: IndexDb, reader: RawBlockReader, event: OwnedEvent): void {
  const raw = reader.read(event.rawBlock, event.rawOffset, event.rawLength);
  if (raw !== null) {
    const findValue = db.prepare('SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck();
    const deleteEntity = db.prepare('DELETE FROM entities WHERE value_id = ? AND time = ? AND seq = ?');
    const decrement = db.prepare('UPDATE entity_values SET events = events - 1 WHERE id = ?');
    const entities = normalizeEvent(JSON.parse(raw) as Record<string, unknown>, raw).entities;
    if (event.keyRef !== null) entities.push({ kind: 'key', value: event.keyRef });
    for (const entity of entities) {
      const valueId = findValue.get(entity.kind, entity.value) as number | undefined;
      if (valueId !== undefined && deleteEntity.run(valueId, event.time, event.seq).changes > 0) decrement.run(valueId);
    }
  }
  db.prepare('DELETE FROM alias_uses WHERE seq = ?').run(event.seq);
  db.prepare('DELETE FROM alias_changes WHERE seq = ?').run(event.seq);
  db.prepare('DELETE FROM event_rows WHERE seq = ?').run(event.seq);
}
