import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { addFinding, listFindings, moveFinding } from '../core/findings/store.js';
import type { IndexDb } from '../core/index/open.js';

/**
 * `index --rebuild`: the old index (with its WAL and shared-memory files) is set aside
 * as `<index>.damaged-<time>`, never deleted: it may still hold findings worth reading.
 * Returns the new name, or null when there was no index.
 */
export function setIndexAside(dbPath: string, now = new Date()): string | null {
  if (!existsSync(dbPath)) return null;
  const aside = `${dbPath}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix);
  }
  renameSync(dbPath, aside);
  return aside;
}

/** The findings the old index still yields, added to the new one in the responder's order. */
export function carryFindings(fromPath: string, into: IndexDb): { carried: number; problem: string | null } {
  let findings;
  try {
    const old = new Database(fromPath, { readonly: true, fileMustExist: true });
    try {
      findings = listFindings(old);
    } finally {
      old.close();
    }
  } catch (error) {
    return { carried: 0, problem: (error as Error).message };
  }
  const ids = findings.map((finding) => addFinding(into, finding).id);
  for (const id of ids) moveFinding(into, id, null);
  return { carried: ids.length, problem: null };
}
