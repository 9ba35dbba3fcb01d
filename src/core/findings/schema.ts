import type { IndexDb } from '../index/open.js';

/**
 * The responder's findings live in a small file of their own beside the index
 * (`<index>.findings.db`), attached to every index connection as the `responder`
 * schema: the index is a cache of the logs that can be rebuilt or thrown away when
 * damaged, the findings are not. References in it never name an index row id: an
 * event by its uid, a hit by its rule and subject, a filter by its text, so they keep
 * their meaning after a rebuild. AUTOINCREMENT: a removed finding's id is never reused,
 * so an id quoted in a ticket keeps meaning one finding.
 */
export const RESPONDER_SCHEMA = 'responder';

const FINDINGS_COLUMNS = `
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'chain', 'hit', 'filter')),
  reference TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  evidence_time INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL`;

const FINDINGS_SQL = `
CREATE TABLE IF NOT EXISTS ${RESPONDER_SCHEMA}.findings (${FINDINGS_COLUMNS});
CREATE INDEX IF NOT EXISTS ${RESPONDER_SCHEMA}.findings_by_position ON findings (position, id);
`;

/** The findings file of an index. */
export function findingsFilePath(indexPath: string): string {
  return `${indexPath}.findings.db`;
}

export function ensureFindingsTable(db: IndexDb): void {
  db.exec(FINDINGS_SQL);
}

/** Readers on a read-only index: no findings file or table yet simply means no findings. */
export function hasFindingsTable(db: IndexDb): boolean {
  const attached = db.prepare('SELECT 1 FROM pragma_database_list WHERE name = ?').get(RESPONDER_SCHEMA) !== undefined;
  return attached && db.prepare(`SELECT 1 FROM ${RESPONDER_SCHEMA}.sqlite_master WHERE type = 'table' AND name = 'findings'`).get() !== undefined;
}

/**
 * Copies the findings an index of schema 3 or older kept among its own tables (in schema
 * `from` of `db`: the index itself, or an attached set-aside copy) into the findings file,
 * ids and order unchanged; ids the file already has stay.
 */
export function moveLegacyFindings(db: IndexDb, from = 'main'): number {
  const legacy = db.prepare(`SELECT 1 FROM ${from}.sqlite_master WHERE type = 'table' AND name = 'findings'`).get() !== undefined;
  if (!legacy) return 0;
  ensureFindingsTable(db);
  return db.prepare(`INSERT OR IGNORE INTO ${RESPONDER_SCHEMA}.findings
    (id, kind, reference, note, position, evidence_time, created_at, updated_at)
    SELECT id, kind, reference, note, position, evidence_time, created_at, updated_at FROM ${from}.findings`).run().changes;
}
