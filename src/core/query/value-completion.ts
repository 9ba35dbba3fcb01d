import type { IndexDb } from '../index/open.js';
import type { EntityKind } from '../normalize/types.js';
import { likePattern } from './value-resolve.js';

/** Kinds whose values users name by a part (`alice` for `arn:aws:iam::1:user/alice`): matched anywhere. */
const CONTAINS_KINDS = new Set<EntityKind>(['principal', 'role', 'alias']);

/**
 * Known values of one kind that a filter value being typed could complete to, most
 * used first. Prefix lookups use the (kind, value) index; principals, roles and
 * aliases also match inside the value, as users type their last part.
 */
export function completeValues(db: IndexDb, kind: EntityKind, typed: string, limit = 10): string[] {
  const byPrefix = db.prepare(`SELECT value FROM entity_values WHERE kind = ? AND value >= ? AND value < ? AND events > 0
    ORDER BY events DESC, value LIMIT ?`).pluck().all(kind, typed, `${typed}\uffff`, limit) as string[];
  if (byPrefix.length >= limit || !CONTAINS_KINDS.has(kind) || typed.length === 0) return byPrefix;
  const inside = db.prepare(`SELECT value FROM entity_values WHERE kind = ? AND value LIKE ? ESCAPE '\\' AND events > 0
    ORDER BY events DESC, value LIMIT ?`).pluck().all(kind, `%${likePattern(typed)}%`, limit) as string[];
  return [...new Set([...byPrefix, ...inside])].slice(0, limit);
}

/** Key names for `key:` completion: aliases and key ARNs, which are what responders type. */
export function completeKeyNames(db: IndexDb, typed: string, limit = 10): string[] {
  const pattern = `%${likePattern(typed)}%`;
  return db.prepare(`SELECT name FROM (SELECT DISTINCT alias AS name FROM aliases WHERE alias LIKE ? ESCAPE '\\'
    UNION SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE ? ESCAPE '\\') ORDER BY name LIMIT ?`).pluck().all(pattern, pattern, limit) as string[];
}
