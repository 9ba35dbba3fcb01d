import type { Statement } from 'better-sqlite3';
import type { IndexDb } from './open.js';

const caches = new WeakMap<IndexDb, Map<string, Statement>>();

/**
 * A statement prepared once per connection. The per-file statements (the file's row, its
 * progress, its rejects) were prepared again for every file: ~5% of a cold index of small files.
 */
export function cachedStatement(db: IndexDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
