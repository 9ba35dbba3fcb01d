import type { IndexDb } from '../index/open.js';
import { parseKeyRef } from '../normalize/key-ref.js';
import { likePattern, type ValueMatch } from './value-resolve.js';

/** The alias name (`alias/x`) of an alias ARN column, in SQL. */
const ALIAS_NAME_SQL = (column: string) => `substr(${column}, instr(${column}, ':alias/') + 1)`;

/** Alias ARNs with this name, in every account and region: those tied to keys and those never tied. */
function aliasArnsNamed(db: IndexDb, name: string): string[] {
  return db.prepare(`SELECT alias FROM alias_keys WHERE ${ALIAS_NAME_SQL('alias')} = ?
    UNION SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE '%:alias/%' AND ${ALIAS_NAME_SQL('value')} = ?`)
    .pluck().all(name, name) as string[];
}

/** An alias ARN as a key term: every key it ever named, and itself for the events it never tied to a key. */
function keysOfAlias(db: IndexDb, aliasArn: string): string[] {
  return [aliasArn, ...db.prepare('SELECT DISTINCT key FROM alias_keys WHERE alias = ?').pluck().all(aliasArn) as string[]];
}

/**
 * The `key` entity values (key ARNs, and the alias ARNs of alias-only events no alias
 * history resolves) that one `key:` value names:
 * - a key ARN: exactly that key (a multi-Region replica's ARN: that replica only);
 * - a bare key id or `mrk-` id: every key with that id, in any account and region (all
 *   replicas of a multi-Region key; AWS key ids are unique, so otherwise one key);
 * - an alias ARN: every key that alias (one account and region) named over its history;
 * - an alias name: the same for that name in every account and region;
 * - with `*`: key ARNs, and the keys of aliases (by name or ARN), matching the pattern.
 */
function keyValuesFor(db: IndexDb, value: string): string[] {
  if (value.includes('*')) {
    const pattern = likePattern(value);
    return db.prepare(`SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE ? ESCAPE '\\'
      UNION SELECT key FROM alias_keys WHERE alias LIKE ? ESCAPE '\\' OR ${ALIAS_NAME_SQL('alias')} LIKE ? ESCAPE '\\'`)
      .pluck().all(pattern, pattern, pattern) as string[];
  }
  const ref = parseKeyRef(value);
  if (ref?.kind === 'key' && ref.arn) return [ref.arn];
  if (ref?.kind === 'key') {
    return db.prepare("SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE ? ESCAPE '\\'").pluck().all(`%:key/${likePattern(ref.keyId)}`) as string[];
  }
  if (ref?.kind === 'alias') return (ref.arn ? [ref.arn] : aliasArnsNamed(db, ref.alias)).flatMap((arn) => keysOfAlias(db, arn));
  return [];
}

/** `key:` values as entity value ids: one index range per key, however the key was named. */
export function resolveKeyValues(db: IndexDb, values: string[]): ValueMatch {
  const names = [...new Set(values.flatMap((value) => keyValuesFor(db, value)))];
  const rows = db.prepare("SELECT id, events FROM entity_values WHERE kind = 'key' AND value IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(names)) as Array<{ id: number; events: number }>;
  return { ids: rows.map((row) => row.id), events: rows.reduce((sum, row) => sum + row.events, 0) };
}
