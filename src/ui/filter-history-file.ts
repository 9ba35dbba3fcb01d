import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'filter-history.json';

/** Filters applied in earlier sessions (Up in the filter bar), newest first; none if the file is missing or bad. */
export function loadFilterHistory(stateDir: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(join(stateDir, FILE), 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** Owner-only, like the indexes: filters name keys, principals and customers. */
export function saveFilterHistory(stateDir: string, history: string[]): void {
  try {
    writeFileSync(join(stateDir, FILE), JSON.stringify(history), { mode: 0o600 });
  } catch {
    // History is a convenience: a read-only state folder must not break the session.
  }
}
