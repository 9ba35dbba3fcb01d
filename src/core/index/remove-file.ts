import { normalizeEvent } from '../normalize/normalize.js';
import type { AliasFact, NormalizedEvent } from '../normalize/types.js';
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

/** An alias a removed event changed or was seen with: its uses from `time` on may resolve otherwise now. */
export interface AliasTakenBack {
  alias: string;
  time: number;
}

export interface RemovedContribution {
  removed: number;
  aliases: AliasTakenBack[];
}

/**
 * Takes back everything a file contributed, before a new version of it is indexed:
 * events only it delivered are deleted with their entities and what they showed about
 * aliases; events another file also delivered stay, owned by that file. Run inside the
 * caller's transaction; the caller resolves the returned aliases' uses again.
 */
export function removeFileContribution(db: IndexDb, fileId: number): RemovedContribution {
  const reader = new RawBlockReader(db);
  const owned = cachedStatement(db, `SELECT seq, time, raw_block AS rawBlock, raw_offset AS rawOffset, raw_length AS rawLength,
    key_ref AS keyRef FROM events WHERE file_id = ?`).all(fileId) as OwnedEvent[];
  const otherSource = cachedStatement(db, 'SELECT file_id AS fileId, position FROM event_sources WHERE seq = ? LIMIT 1');
  const promote = cachedStatement(db, 'UPDATE event_rows SET file_id = ?, position = ? WHERE seq = ?');
  const dropSource = cachedStatement(db, 'DELETE FROM event_sources WHERE seq = ? AND file_id = ?');
  const unreadable: number[] = [];
  const aliases: AliasTakenBack[] = [];
  const sightings: Array<{ fact: AliasFact; time: number }> = [];
  const deleted: number[] = [];
  for (const event of owned) {
    const other = otherSource.get(event.seq) as { fileId: number; position: number } | undefined;
    if (other) {
      promote.run(other.fileId, other.position, event.seq);
      dropSource.run(event.seq, other.fileId);
      continue;
    }
    const normalized = deleteEntitiesOf(db, reader, event);
    if (!normalized) unreadable.push(event.seq);
    for (const fact of normalized?.keys.aliasFacts ?? []) if (fact.change === 'seen') sightings.push({ fact, time: event.time });
    cachedStatement(db, 'DELETE FROM event_rows WHERE seq = ?').run(event.seq);
    deleted.push(event.seq);
  }
  if (unreadable.length > 0) sweepEntitiesOf(db, unreadable);
  if (deleted.length > 0) aliases.push(...deleteAliasRows(db, deleted));
  for (const { fact, time } of sightings) {
    shrinkSighting(db, reader, fact.alias, fact.key!, time);
    aliases.push({ alias: fact.alias, time });
  }
  cachedStatement(db, 'DELETE FROM event_sources WHERE file_id = ?').run(fileId);
  cachedStatement(db, 'DELETE FROM rejected WHERE file_id = ?').run(fileId);
  return { removed: deleted.length, aliases };
}

/**
 * The event's entities are found again from its raw record, plus its key_ref: an event that
 * names its key only by alias is filed under the key the alias resolved to, not in the record.
 * Null when the raw record cannot be read back (a damaged block): the caller sweeps instead.
 */
function deleteEntitiesOf(db: IndexDb, reader: RawBlockReader, event: OwnedEvent): NormalizedEvent | null {
  const normalized = normalizedRecord(reader, event);
  if (!normalized) return null;
  const findValue = cachedStatement(db, 'SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck();
  const entities = [...normalized.entities];
  if (event.keyRef !== null) entities.push({ kind: 'key', value: event.keyRef });
  for (const entity of entities) {
    const valueId = findValue.get(entity.kind, entity.value) as number | undefined;
    if (valueId !== undefined) deleteEntityRow(db, valueId, event.time, event.seq);
  }
  return normalized;
}

function normalizedRecord(reader: RawBlockReader, event: { rawBlock: number; rawOffset: number; rawLength: number }): NormalizedEvent | null {
  const stored = readRecord(reader, event);
  return stored && normalizeEvent(stored.record, stored.raw);
}

function readRecord(reader: RawBlockReader, event: { rawBlock: number; rawOffset: number; rawLength: number }): { raw: string; record: Record<string, unknown> } | null {
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

/**
 * The deleted events' alias changes and uses, by seq: those tables are keyed by alias, so one
 * pass over each per file rather than one per event. Returns the changes taken back.
 */
function deleteAliasRows(db: IndexDb, seqs: number[]): AliasTakenBack[] {
  const list = JSON.stringify(seqs);
  const changes = cachedStatement(db, 'SELECT alias, time FROM alias_changes WHERE seq IN (SELECT value FROM json_each(?))').all(list) as AliasTakenBack[];
  cachedStatement(db, 'DELETE FROM alias_changes WHERE seq IN (SELECT value FROM json_each(?))').run(list);
  cachedStatement(db, 'DELETE FROM alias_uses WHERE seq IN (SELECT value FROM json_each(?))').run(list);
  return changes;
}

/** The ids of the alias name's and the key's entity values, or null when either is not an entity (a name past the length kept). */
function sightingIds(db: IndexDb, alias: string, key: string): { aliasId: number; keyId: number } | null {
  const id = cachedStatement(db, 'SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck();
  const aliasId = id.get('alias', alias.slice(alias.indexOf(':alias/') + 1)) as number | undefined;
  const keyId = id.get('key', key) as number | undefined;
  return aliasId === undefined || keyId === undefined ? null : { aliasId, keyId };
}

/**
 * The time of the oldest or newest remaining event that saw the alias name this key, or null. Walks
 * the key's range (one account and region) and reads only events that also name the alias.
 */
function sightingEdge(db: IndexDb, reader: RawBlockReader, ids: { aliasId: number; keyId: number }, alias: string, key: string, order: 'ASC' | 'DESC'): number | null {
  // CROSS JOIN keeps the key's range outside: each of its events is one probe of the alias's range.
  const candidates = cachedStatement(db, `SELECT k.time AS time, e.raw_block AS rawBlock, e.raw_offset AS rawOffset, e.raw_length AS rawLength
    FROM entities k CROSS JOIN entities a CROSS JOIN event_rows e
    WHERE k.value_id = ? AND a.value_id = ? AND a.time = k.time AND a.seq = k.seq AND e.seq = k.seq
    ORDER BY k.time ${order}, k.seq ${order}`).iterate(ids.keyId, ids.aliasId) as Iterable<{ time: number; rawBlock: number; rawOffset: number; rawLength: number }>;
  for (const candidate of candidates) {
    const facts = normalizedRecord(reader, candidate)?.keys.aliasFacts ?? [];
    if (facts.some((fact) => fact.change === 'seen' && fact.alias === alias && fact.key === key)) return candidate.time;
  }
  return null;
}

/**
 * alias_seen keeps only the first and last time an alias was seen naming a key: a removed
 * sighting at either end moves that end to the next remaining sighting, or removes the span.
 * Left as it is when the index cannot tell (the alias name is too long to be an entity).
 */
function shrinkSighting(db: IndexDb, reader: RawBlockReader, alias: string, key: string, time: number): void {
  const span = cachedStatement(db, 'SELECT first, last FROM alias_seen WHERE alias = ? AND key = ?').get(alias, key) as { first: number; last: number } | undefined;
  if (!span || (time !== span.first && time !== span.last)) return;
  const ids = sightingIds(db, alias, key);
  if (!ids) return;
  const first = time === span.first ? sightingEdge(db, reader, ids, alias, key, 'ASC') : span.first;
  if (first === null) {
    cachedStatement(db, 'DELETE FROM alias_seen WHERE alias = ? AND key = ?').run(alias, key);
    return;
  }
  const last = time === span.last ? sightingEdge(db, reader, ids, alias, key, 'DESC')! : span.last;
  cachedStatement(db, 'UPDATE alias_seen SET first = ?, last = ? WHERE alias = ? AND key = ?').run(first, last, alias, key);
}
