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
  for (const [span, times] of sightingsBySpan(sightings)) {
    shrinkSighting(db, reader, span.alias, span.key, times);
    // A fold, not Math.min(...times): a large file may hold a hundred thousand sightings of one alias.
    aliases.push({ alias: span.alias, time: times.reduce((earliest, time) => Math.min(earliest, time)) });
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

/** The alias name's and the key's entity values: the one with fewer events (outer) is walked, the other probed. */
interface SightingValues {
  outer: number;
  inner: number;
}

/** The alias name's and the key's entity values, or null when either is not an entity (a name past the length kept). */
function sightingValues(db: IndexDb, alias: string, key: string): SightingValues | null {
  const find = cachedStatement(db, 'SELECT id, events FROM entity_values WHERE kind = ? AND value = ?');
  const aliasValue = find.get('alias', alias.slice(alias.indexOf(':alias/') + 1)) as { id: number; events: number } | undefined;
  const keyValue = find.get('key', key) as { id: number; events: number } | undefined;
  if (!aliasValue || !keyValue) return null;
  const [outer, inner] = aliasValue.events <= keyValue.events ? [aliasValue, keyValue] : [keyValue, aliasValue];
  return { outer: outer.id, inner: inner.id };
}

/**
 * The time of the oldest or newest remaining event that saw the alias name this key, or null. Walks
 * the smaller of the two ranges (a hot key, or an alias name used in every account) and reads only
 * events that carry both values.
 */
function sightingEdge(db: IndexDb, reader: RawBlockReader, values: SightingValues, alias: string, key: string, order: 'ASC' | 'DESC'): number | null {
  // CROSS JOIN keeps the smaller range outside: each of its events is one probe of the other's.
  const candidates = cachedStatement(db, `SELECT o.time AS time, e.raw_block AS rawBlock, e.raw_offset AS rawOffset, e.raw_length AS rawLength
    FROM entities o CROSS JOIN entities i CROSS JOIN event_rows e
    WHERE o.value_id = ? AND i.value_id = ? AND i.time = o.time AND i.seq = o.seq AND e.seq = o.seq
    ORDER BY o.time ${order}, o.seq ${order}`).iterate(values.outer, values.inner) as Iterable<{ time: number; rawBlock: number; rawOffset: number; rawLength: number }>;
  for (const candidate of candidates) {
    const facts = normalizedRecord(reader, candidate)?.keys.aliasFacts ?? [];
    if (facts.some((fact) => fact.change === 'seen' && fact.alias === alias && fact.key === key)) return candidate.time;
  }
  return null;
}

/** The removed sightings of each (alias, key) span: a file may hold both its ends, in any order. */
function sightingsBySpan(sightings: ReadonlyArray<{ fact: AliasFact; time: number }>): Map<{ alias: string; key: string }, number[]> {
  const byId = new Map<string, { span: { alias: string; key: string }; times: number[] }>();
  for (const { fact, time } of sightings) {
    const id = `${fact.alias}\u0000${fact.key}`;
    const entry = byId.get(id) ?? { span: { alias: fact.alias, key: fact.key! }, times: [] };
    entry.times.push(time);
    byId.set(id, entry);
  }
  return new Map([...byId.values()].map((entry) => [entry.span, entry.times]));
}

/**
 * alias_seen keeps only the first and last time an alias was seen naming a key: a removed
 * sighting at either end moves that end to the next remaining sighting, or removes the span.
 * Left as it is when the index cannot tell (the alias name is too long to be an entity).
 */
function shrinkSighting(db: IndexDb, reader: RawBlockReader, alias: string, key: string, removed: readonly number[]): void {
  const span = cachedStatement(db, 'SELECT first, last FROM alias_seen WHERE alias = ? AND key = ?').get(alias, key) as { first: number; last: number } | undefined;
  if (!span) return;
  const firstMoved = removed.includes(span.first);
  const lastMoved = removed.includes(span.last);
  if (!firstMoved && !lastMoved) return;
  const values = sightingValues(db, alias, key);
  if (!values) return;
  const first = firstMoved ? sightingEdge(db, reader, values, alias, key, 'ASC') : span.first;
  const last = lastMoved ? sightingEdge(db, reader, values, alias, key, 'DESC') : span.last;
  if (first === null || last === null) {
    cachedStatement(db, 'DELETE FROM alias_seen WHERE alias = ? AND key = ?').run(alias, key);
    return;
  }
  cachedStatement(db, 'UPDATE alias_seen SET first = ?, last = ? WHERE alias = ? AND key = ?').run(first, last, alias, key);
}
