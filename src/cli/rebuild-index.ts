import { existsSync, renameSync } from 'node:fs';
import { moveLegacyFindings } from '../core/findings/schema.js';
import type { IndexDb } from '../core/index/open.js';

/**
 * `index --rebuild`: the old index (with its WAL and shared-memory files) is set aside
 * as `<index>.damaged-<time>`, never deleted. The findings file beside it stays where it
 * is: the rebuilt index attaches it again. Returns the new name, or null when there was no index.
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

/**
 * Findings an index of an older layout kept among its own tables (before they had a file
 * of their own), copied from the set-aside file into the findings file, ids and order kept.
 */
export function carryLegacyFindings(fromPath: string, into: IndexDb): { carried: number; problem: string | null } {
  try {
    into.prepare('ATTACH DATABASE ? AS aside').run(fromPath);
  } catch (error) {
    return { carried: 0, problem: (error as Error).message };
  }
  try {
    return { carried: moveLegacyFindings(into, 'aside'), problem: null };
  } catch (error) {
    return { carried: 0, problem: (error as Error).message };
  } finally {
    into.exec('DETACH DATABASE aside');
  }
}
