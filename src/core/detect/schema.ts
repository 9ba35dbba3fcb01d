import type { IndexDb } from '../index/open.js';

/**
 * The detection tables, kept in the index beside the events they point at:
 * - detection_hits / detection_hit_events: every hit and every event behind it (by seq);
 *   `grp` is what a hit is about (a principal, a key, a stream), so a rerun can replace
 *   just that group's hits;
 * - the rest is state that lets a run look only at events newer than the last one:
 *   first-seen times, crypto failures, per-minute data-key counts, log deliveries.
 */
export const DETECTION_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS detection_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS detection_hits (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  grp TEXT NOT NULL,
  severity TEXT NOT NULL,
  rank INTEGER NOT NULL,
  title TEXT NOT NULL,
  reason TEXT NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  principal TEXT, key_ref TEXT, ip TEXT,
  events INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS detection_hits_by_rank ON detection_hits (rank, last);
CREATE INDEX IF NOT EXISTS detection_hits_by_group ON detection_hits (rule, grp, first);

CREATE TABLE IF NOT EXISTS detection_hit_events (
  hit_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (hit_id, seq)
) WITHOUT ROWID;
-- Which hits an event backs (a key owner's copy of a call that a later caller's copy supersedes: engine.ts).
CREATE INDEX IF NOT EXISTS detection_hit_events_by_seq ON detection_hit_events (seq);

CREATE TABLE IF NOT EXISTS detection_first_seen (
  dimension TEXT NOT NULL,
  subject TEXT NOT NULL,
  value TEXT NOT NULL,
  first_time INTEGER NOT NULL,
  PRIMARY KEY (dimension, subject, value)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS detection_failures (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  subject TEXT NOT NULL,
  key_ref TEXT,
  error TEXT
);
CREATE INDEX IF NOT EXISTS detection_failures_by_subject ON detection_failures (subject, time);
CREATE INDEX IF NOT EXISTS detection_failures_by_key ON detection_failures (key_ref, time);

CREATE TABLE IF NOT EXISTS detection_minutes (
  subject TEXT NOT NULL,
  minute INTEGER NOT NULL,
  own INTEGER NOT NULL,
  service INTEGER NOT NULL,
  PRIMARY KEY (subject, minute)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS detection_deliveries (
  file_id INTEGER PRIMARY KEY,
  stream TEXT NOT NULL,
  time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS detection_deliveries_by_stream ON detection_deliveries (stream, time);
`;

const DETECTION_TABLES = [
  'detection_state', 'detection_hits', 'detection_hit_events', 'detection_first_seen',
  'detection_failures', 'detection_minutes', 'detection_deliveries',
];

export function ensureDetectionSchema(db: IndexDb): void {
  db.exec(DETECTION_SCHEMA_SQL);
}

/** Forgets every hit and all learned state: the next run starts from the first event. */
export function clearDetections(db: IndexDb): void {
  for (const table of DETECTION_TABLES) db.prepare(`DELETE FROM ${table}`).run();
}

/** True when this index has never been through a detection run (readers need not create tables). */
export function hasDetectionTables(db: IndexDb): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'detection_hits'").get() !== undefined;
}
