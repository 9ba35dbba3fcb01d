import type { IndexDb } from '../index/open.js';
import { parseKeyRef } from '../normalize/key-ref.js';
import type { EntityKind } from '../normalize/types.js';
import { cidrContains, parseCidr } from './cidr.js';

/** The entity values a term names, and how many events carry them. */
export interface ValueMatch {
  ids: number[];
  events: number;
  error?: string;
}

interface ValueRow {
  id: number;
  events: number;
}

const MAX_TEXT_MATCHES = 10_000;
/** Kinds where a plain name also matches the end of an ARN: `principal:alice` finds `.../user/alice`. */
const SUFFIX_KINDS = new Set<EntityKind>(['principal', 'role']);

/** A filter value as a LIKE pattern (escape `\\`): `*` is the only wildcard users type. */
export function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, '%');
}

function collect(rows: ValueRow[], into: Map<number, number>): void {
  for (const row of rows) into.set(row.id, row.events);
}

function toMatch(found: Map<number, number>): ValueMatch {
  let events = 0;
  for (const count of found.values()) events += count;
  return { ids: [...found.keys()], events };
}

function matchOne(db: IndexDb, kind: EntityKind, value: string): ValueRow[] {
  if (value.includes('*')) {
    return db.prepare("SELECT id, events FROM entity_values WHERE kind = ? AND value LIKE ? ESCAPE '\\'").all(kind, likePattern(value)) as ValueRow[];
  }
  const exact = db.prepare('SELECT id, events FROM entity_values WHERE kind = ? AND value = ?').all(kind, value) as ValueRow[];
  if (exact.length > 0) return exact;
  const caseless = db.prepare('SELECT id, events FROM entity_values WHERE kind = ? AND value = ? COLLATE NOCASE').all(kind, value) as ValueRow[];
  if (caseless.length > 0 || !SUFFIX_KINDS.has(kind)) return caseless;
  const tail = likePattern(value);
  return db.prepare("SELECT id, events FROM entity_values WHERE kind = ? AND (value LIKE ? ESCAPE '\\' OR value LIKE ? ESCAPE '\\')")
    .all(kind, `%/${tail}`, `%:${tail}`) as ValueRow[];
}

function matchCidr(db: IndexDb, value: string): ValueRow[] | null {
  const cidr = parseCidr(value);
  if (!cidr) return null;
  const rows = db.prepare("SELECT id, events, value FROM entity_values WHERE kind = 'ip'").all() as Array<ValueRow & { value: string }>;
  return rows.filter((row) => cidrContains(cidr, row.value));
}

/** Values of one entity kind: exact (then case-insensitive), `*` wildcards, CIDR for ip. */
export function resolveEntityValues(db: IndexDb, kind: EntityKind, values: string[]): ValueMatch {
  const found = new Map<number, number>();
  for (const value of values) {
    if (kind === 'ip' && value.includes('/')) {
      const rows = matchCidr(db, value);
      if (!rows) return { ids: [], events: 0, error: `"${value}" is not an IP range (e.g. 203.0.113.0/24)` };
      collect(rows, found);
      continue;
    }
    collect(matchOne(db, kind, value), found);
  }
  return toMatch(found);
}

/** Key ids a key term names: by key ARN, bare id, alias name or alias ARN, or wildcards over all three. */
function keyIdsFor(db: IndexDb, value: string): Set<string> {
  const ids = new Set<string>();
  if (value.includes('*')) {
    const pattern = likePattern(value);
    const sql = `SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE ? ESCAPE '\\'
      UNION SELECT key_id FROM key_arns WHERE arn LIKE ? ESCAPE '\\' UNION SELECT key_id FROM aliases WHERE alias LIKE ? ESCAPE '\\'`;
    for (const id of db.prepare(sql).pluck().all(pattern, pattern, pattern) as string[]) ids.add(id);
    return ids;
  }
  const ref = parseKeyRef(value);
  if (ref?.kind === 'key') ids.add(ref.keyId);
  if (ref?.kind === 'alias') {
    for (const id of db.prepare('SELECT key_id FROM aliases WHERE alias = ?').pluck().all(ref.alias) as string[]) ids.add(id);
  }
  return ids;
}

/**
 * `key:` finds the same events whichever name is used: the key's id entity plus every
 * alias ever learned for it (so events that named the key only by alias, even before
 * the alias was learned, are found too).
 */
export function resolveKeyValues(db: IndexDb, values: string[]): ValueMatch {
  const found = new Map<number, number>();
  const keyValue = db.prepare("SELECT id, events FROM entity_values WHERE kind = 'key' AND value = ?");
  const aliasValue = db.prepare("SELECT id, events FROM entity_values WHERE kind = 'alias' AND value = ?");
  const aliasesOf = db.prepare('SELECT DISTINCT alias FROM aliases WHERE key_id = ?').pluck();
  const namesOtherEvents = otherEventsCheck(db);
  for (const value of values) {
    const aliases = new Set<string>();
    const ref = parseKeyRef(value);
    if (ref?.kind === 'alias') aliases.add(ref.alias);
    const keys = new Map<number, number>();
    for (const keyId of keyIdsFor(db, value)) {
      collect(keyValue.all(keyId) as ValueRow[], keys);
      for (const alias of aliasesOf.all(keyId) as string[]) aliases.add(alias);
    }
    const aliasRows = [...aliases].flatMap((alias) => aliasValue.all(alias) as ValueRow[]);
    collect(aliasRows.filter((row) => namesOtherEvents(row, [...keys.keys()])), found);
    keys.forEach((events, id) => found.set(id, events));
  }
  return toMatch(found);
}

const ALIAS_CHECK_MAX_EVENTS = 2000;

/**
 * Whether an alias value adds events the key's own values do not already match. Most
 * events that name an alias also carry the key id (resources[]); dropping those aliases
 * keeps a key term to a few index ranges instead of one per alias ever created.
 */
function otherEventsCheck(db: IndexDb): (alias: ValueRow, keyValueIds: number[]) => boolean {
  const outsideKeys = db.prepare(`SELECT 1 FROM entities a WHERE a.value_id = ? AND NOT EXISTS (SELECT 1 FROM entities k
    WHERE k.value_id IN (SELECT value FROM json_each(?)) AND k.time = a.time AND k.seq = a.seq) LIMIT 1`);
  return (alias, keyValueIds) => keyValueIds.length === 0 || alias.events > ALIAS_CHECK_MAX_EVENTS
    || outsideKeys.get(alias.id, JSON.stringify(keyValueIds)) !== undefined;
}

/** A bare word: any entity value that contains it, whatever its kind. */
export function resolveTextValues(db: IndexDb, values: string[]): ValueMatch {
  const found = new Map<number, number>();
  const select = db.prepare(`SELECT id, events FROM entity_values WHERE value LIKE ? ESCAPE '\\' LIMIT ${MAX_TEXT_MATCHES}`);
  for (const value of values) collect(select.all(`%${likePattern(value)}%`) as ValueRow[], found);
  return toMatch(found);
}
