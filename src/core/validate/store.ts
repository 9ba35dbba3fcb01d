import type { Database } from 'better-sqlite3';
import type { IntegrityStatus, ValidationReport } from './types.js';

/** One stored verdict; `path` is relative to the log directory, as in the report. */
export interface StoredIntegrity {
  path: string;
  status: IntegrityStatus;
  digest: string | null;
  reason: string;
  /** Epoch milliseconds of the validation run. */
  checkedAt: number;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS file_integrity (
  path TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  digest TEXT,
  reason TEXT NOT NULL,
  checked_at INTEGER NOT NULL
)`;

/** SQLite's bound-parameter limit is far above this; chunks keep each statement small. */
const PATHS_PER_QUERY = 500;

/** Replaces all stored verdicts with this report's, in one transaction. */
export function storeIntegrity(db: Database, report: ValidationReport, checkedAt = Date.now()): void {
  db.exec(CREATE_TABLE);
  const clear = db.prepare('DELETE FROM file_integrity');
  const insert = db.prepare(
    'INSERT OR REPLACE INTO file_integrity (path, status, digest, reason, checked_at) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    clear.run();
    for (const file of report.files) insert.run(file.file, file.status, file.digest, file.reason, checkedAt);
  })();
}

interface Row {
  path: string;
  status: IntegrityStatus;
  digest: string | null;
  reason: string;
  checked_at: number;
}

/** Stored verdicts, all or for the given paths; empty when nothing was ever stored. */
export function readIntegrity(db: Database, paths?: readonly string[]): StoredIntegrity[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'file_integrity'").get();
  if (!exists) return [];
  const select = 'SELECT path, status, digest, reason, checked_at FROM file_integrity';
  if (paths === undefined) return (db.prepare(`${select} ORDER BY path`).all() as Row[]).map(toStored);
  const rows: Row[] = [];
  for (let start = 0; start < paths.length; start += PATHS_PER_QUERY) {
    const chunk = paths.slice(start, start + PATHS_PER_QUERY);
    const placeholders = chunk.map(() => '?').join(', ');
    rows.push(...(db.prepare(`${select} WHERE path IN (${placeholders})`).all(...chunk) as Row[]));
  }
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(toStored);
}

function toStored(row: Row): StoredIntegrity {
  return { path: row.path, status: row.status, digest: row.digest, reason: row.reason, checkedAt: row.checked_at };
}
