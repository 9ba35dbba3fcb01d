import type { IndexDb } from '../index/open.js';
import type { EntityKind } from '../normalize/types.js';
import type { EntityCondition } from './filter-compile.js';
import { cidrContains, looksLikeIp, notAnIpMessage, parseCidr } from './cidr.js';

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
/**
 * Kinds where a plain name also matches the last part of an ARN: `principal:alice` finds
 * `.../user/alice` and `.../assumed-role/app/alice`, and an email-form session name by its
 * local part: `principal:bob` finds `.../assumed-role/AWSReservedSSO_Admin_.../bob@example.com`.
 */
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
  const sessionOf = value.includes('@') ? [] : [`%/${tail}@%`];
  const patterns = [`%/${tail}`, `%:${tail}`, ...sessionOf];
  return db.prepare(`SELECT id, events FROM entity_values WHERE kind = ? AND (${patterns.map(() => "value LIKE ? ESCAPE '\\'").join(' OR ')})`)
    .all(kind, ...patterns) as ValueRow[];
}

/** Every source IP in the address or range, whatever form it was logged in (IPv4-mapped IPv6 too). */
function matchIp(db: IndexDb, value: string): ValueRow[] | { error: string } | null {
  if (value.includes('*')) return null;
  const cidr = parseCidr(value);
  if (!cidr) return looksLikeIp(value) ? { error: notAnIpMessage(value) } : null;
  const rows = db.prepare("SELECT id, events, value FROM entity_values WHERE kind = 'ip'").all() as Array<ValueRow & { value: string }>;
  return rows.filter((row) => cidrContains(cidr, row.value));
}

/**
 * Values of one entity kind: exact (then case-insensitive), `*` wildcards; for ip, addresses
 * and ranges by what they contain (other source values, such as a service name, as text).
 */
export function resolveEntityValues(db: IndexDb, kind: EntityKind, values: string[]): ValueMatch {
  const found = new Map<number, number>();
  for (const value of values) {
    const ip = kind === 'ip' ? matchIp(db, value) : null;
    if (ip && 'error' in ip) return { ids: [], events: 0, error: ip.error };
    collect(ip ?? matchOne(db, kind, value), found);
  }
  return toMatch(found);
}

/** A bare word: any entity value that contains it, whatever its kind. */
export function resolveTextValues(db: IndexDb, values: string[]): ValueMatch {
  const found = new Map<number, number>();
  const select = db.prepare(`SELECT id, events FROM entity_values WHERE value LIKE ? ESCAPE '\\' LIMIT ${MAX_TEXT_MATCHES}`);
  for (const value of values) collect(select.all(`%${likePattern(value)}%`) as ValueRow[], found);
  return toMatch(found);
}

/** Events whose value of this kind is one of these, exactly (never a pattern: log values may hold `*`); null when none is indexed. */
export function exactValues(db: IndexDb, kind: EntityKind, values: readonly string[]): EntityCondition | null {
  const select = db.prepare('SELECT id, events FROM entity_values WHERE kind = ? AND value = ?');
  const rows = values.flatMap((value) => (select.all(kind, value) as Array<{ id: number; events: number }>));
  return rows.length === 0 ? null : { valueIds: rows.map((row) => row.id), negate: false, estimate: rows.reduce((sum, row) => sum + row.events, 0) };
}
