import type { IndexDb } from '../index/open.js';

/**
 * The findings table lives beside the events in the index. It is created on first
 * use rather than in the index schema, so an index built before findings existed
 * gains it without a schema-version bump. AUTOINCREMENT: a removed finding's id is
 * never reused, so an id quoted in a ticket keeps meaning one finding.
 */
const FINDINGS_SQL = `
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'chain', 'hit', 'filter')),
  reference TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  evidence_time INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_by_position ON findings (position, id);
`;

export function ensureFindingsTable(db: IndexDb): void {
  db.exec(FINDINGS_SQL);
}

/** Readers on a read-only index: no table yet simply means no findings. */
export function hasFindingsTable(db: IndexDb): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'findings'").get() !== undefined;
}
