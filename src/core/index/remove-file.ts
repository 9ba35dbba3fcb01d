import { normalizeEvent } from '../normalize/normalize.js';
import type { IndexDb } from './open.js';
import { RawBlockReader } from './raw-store.js';
import { cachedStatement } from './statement-cache.js';

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
  const owned = cachedStatement(db, `SELECT seq, time, raw_block AS rawBlock, raw_offset AS rawOffset, raw_length AS rawLength,
    key_ref AS keyRef FROM events WHERE file_id = ?`).all(fileId) as OwnedEvent[];
  const otherSource = cachedStatement(db, 'SELECT file_id AS fileId, position FROM event_sources WHERE seq = ? LIMIT 1');
  const promote = cachedStatement(db, 'UPDATE event_rows SET file_id = ?, position = ? WHERE seq = ?');
  const dropSource = cachedStatement(db, 'DELETE FROM event_sources WHERE seq = ? AND file_id = ?');
  const unreadable: number[] = [];
  let removed = 0;
  for (const event of owned) {
    const other = otherSource.get(event.seq) as { fileId: number; position: number } | undefined;
    if (other) {
      promote.run(other.fileId, other.position, event.seq);
      dropSource.run(event.seq, other.fileId);
    } else {
      if (!deleteEntitiesOf(db, reader, event)) unreadable.push(event.seq);
      deleteEventRows(db, event.seq);
      removed++;
    }
  }
  if (unreadable.length > 0) sweepEntitiesOf(db, unreadable);
  cachedStatement(db, 'DELETE FROM event_sources WHERE file_id = ?').run(fileId);
  cachedStatement(db, 'DELETE FROM rejected WHERE file_id = ?').run(fileId);
  return removed;
}

/**
 * The event's entities are found again from its raw record, plus its key_ref: an event that
 * names its key only by alias is filed under the key the alias resolved to, not in the record.
 * False when the raw record cannot be read back (a damaged block): the caller sweeps instead.
 */
function deleteEntitiesOf(db: IndexDb, reader: RawBlockReader, event: OwnedEvent): boolean {
  const stored = readRecord(reader, event);
  if (!stored) return false;
  const findValue = cachedStatement(db, 'SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck();
  const entities = normalizeEvent(stored.record, stored.raw).entities;
  if (event.keyRef !== null) entities.push({ kind: 'key', value: event.keyRef });
  for (const entity of entities) {
    const valueId = findValue.get(entity.kind, entity.value) as number | undefined;
    if (valueId !== undefined) deleteEntityRow(db, valueId, event.time, event.seq);
  }
  return true;
}

function readRecord(reader: RawBlockReader, event: OwnedEvent): { raw: string; record: Record<string, unknown> } | null {
  try {
    const raw = reader.read(event.rawBlock, event.rawOffset, event.rawLength);
    if (raw === null) return null;
    const record: unknown = JSON.parse(raw);
    return record !== null && typeof record === 'object' && !Array.isArray(record) ? { raw, record: record as Record<string, unknown> } : null;
  } catch {
    // A block that no longer inflates, or text that is no longer the record.
    return null;
  }
}

/**
 * Every entity row of the given events, found by reading the whole entities table (its key
 * leads with the value): slow on a large index, so only for records that cannot be read back.
 */
function sweepEntitiesOf(db: IndexDb, seqs: number[]): void {
  const rows = cachedStatement(db, `SELECT value_id AS valueId, time, seq FROM entities
    WHERE seq IN (SELECT value FROM json_each(?))`).all(JSON.stringify(seqs)) as Array<{ valueId: number; time: number; seq: number }>;
  for (const row of rows) deleteEntityRow(db, row.valueId, row.time, row.seq);
}

function deleteEntityRow(db: IndexDb, valueId: number, time: number, seq: number): void {
  const deleted = cachedStatement(db, 'DELETE FROM entities WHERE value_id = ? AND time = ? AND seq = ?').run(valueId, time, seq);
  if (deleted.changes > 0) cachedStatement(db, 'UPDATE entity_values SET events = events - 1 WHERE id = ?').run(valueId);
}

function deleteEventRows(db: IndexDb, seq: number): void {
  cachedStatement(db, 'DELETE FROM alias_uses WHERE seq = ?').run(seq);
  cachedStatement(db, 'DELETE FROM alias_changes WHERE seq = ?').run(seq);
  cachedStatement(db, 'DELETE FROM event_rows WHERE seq = ?').run(seq);
}
