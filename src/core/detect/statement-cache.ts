import type { Statement } from 'better-sqlite3';
import type { IndexDb } from '../index/open.js';

/**
 * The index, with `prepare` remembering its statements by SQL text: rules ask the same
 * few questions once per pair or group, and preparing costs more than answering. Every
 * SQL text must keep one mode (plain, or `.pluck()`) wherever it is used.
 */
export function withStatementCache(db: IndexDb): IndexDb {
  const cache = new Map<string, Statement>();
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string): Statement => {
          let statement = cache.get(sql);
          if (!statement) {
            statement = target.prepare(sql);
            cache.set(sql, statement);
          }
          return statement;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
