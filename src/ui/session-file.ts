import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SavedSession } from '../app/session.js';

/** One file per index (by its path), beside the filter history in the state folder. */
function sessionFile(stateDir: string, dbPath: string): string {
  return join(stateDir, 'sessions', `${createHash('sha256').update(dbPath).digest('hex').slice(0, 16)}.json`);
}

/** The last session on this index, or null (none yet, or a file this build cannot read). */
export function loadSession(stateDir: string, dbPath: string): SavedSession | null {
  try {
    const parsed = JSON.parse(readFileSync(sessionFile(stateDir, dbPath), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as SavedSession) : null;
  } catch {
    return null;
  }
}

/** Owner-only: filters name keys, principals and customers. A read-only state folder must not break quitting. */
export function saveSession(stateDir: string, dbPath: string, session: SavedSession): void {
  try {
    mkdirSync(join(stateDir, 'sessions'), { recursive: true, mode: 0o700 });
    writeFileSync(sessionFile(stateDir, dbPath), JSON.stringify(session), { mode: 0o600 });
  } catch {
    // A convenience, like the filter history.
  }
}
