import { readMeta, writeMeta, type IndexDb } from './open.js';

/** The log directory an index was built from, kept in the index itself (exports name it). */
export function recordLogDirectory(db: IndexDb, dir: string): void {
  if (readMeta(db, 'log_dir') !== dir) writeMeta(db, 'log_dir', dir);
}

export function readLogDirectory(db: IndexDb): string | null {
  return readMeta(db, 'log_dir');
}
