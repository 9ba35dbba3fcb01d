import { SUBJECT_ID_SQL } from './names.js';
import { textOfSql } from '../index/text-sql.js';
import type { DetectionContext } from './rule.js';
import { API_RECORD_SQL, HUMAN_CALL_SQL, OWN_CALL_SQL } from './event-kinds.js';

/**
 * First-seen times, learned from every API call but AWS services' own (folded, not a
 * principal's habit) and network-activity records (not calls): per subject, per IP, and per pair. A pair first seen after the
 * learning window is "new". Each run adds only its new events (keeping the earliest time).
 */
export type Dimension = 'subject' | 'ip' | 'key' | 'subject-ip' | 'key-ip' | 'key-subject';

/** Which columns of the run's pair table make each dimension (fixed SQL text, never input). */
const COLUMNS: Record<Dimension, [string, string]> = {
  subject: ['subject', "''"],
  ip: ["''", 'ip'],
  key: ['key_ref', "''"],
  'subject-ip': ['subject', 'ip'],
  'key-ip': ['key_ref', 'ip'],
  'key-subject': ['key_ref', 'subject'],
};

export interface TouchedPair {
  subject: string;
  value: string;
  firstTime: number;
  /** 1 when a person made any of this run's calls of the pair. */
  human: number;
}

/** Aggregates the new events once into `temp.detect_new_pairs`, then upserts every dimension from it. */
export function updateFirstSeen(context: DetectionContext): void {
  const { db } = context;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS detect_new_pairs (subject TEXT, ip TEXT, key_ref TEXT, first INTEGER, last INTEGER, human INTEGER);
    DELETE FROM temp.detect_new_pairs;`);
  // Grouped by text id, then named: a scan that reads no text.
  db.prepare(`INSERT INTO temp.detect_new_pairs SELECT ${textOfSql('g.subject')}, ${textOfSql('g.ip')}, ${textOfSql('g.key')}, g.first, g.last, g.human
    FROM (SELECT ${SUBJECT_ID_SQL} AS subject, e.ip_id AS ip, e.key_ref_id AS key, min(e.time) AS first, max(e.time) AS last, max(${HUMAN_CALL_SQL}) AS human
      FROM events e WHERE e.seq > ? AND e.seq <= ? AND ${OWN_CALL_SQL} AND ${API_RECORD_SQL} AND e.time > 0 GROUP BY 1, 2, 3) g`).run(context.fromSeq, context.toSeq);
  for (const [dimension, [subject, value]] of Object.entries(COLUMNS)) {
    db.prepare(`INSERT INTO detection_first_seen (dimension, subject, value, first_time)
      SELECT ?, ${subject}, ${value}, min(first) FROM temp.detect_new_pairs WHERE ${subject} IS NOT NULL AND ${value} IS NOT NULL GROUP BY 2, 3
      ON CONFLICT (dimension, subject, value) DO UPDATE SET first_time = min(first_time, excluded.first_time)`).run(dimension);
  }
}

/** The pairs of a dimension that this run's events touched, with their (updated) first-seen time. */
export function touchedPairs(context: DetectionContext, dimension: Dimension): TouchedPair[] {
  const [subject, value] = COLUMNS[dimension];
  return context.db.prepare(`SELECT p.subject AS subject, p.value AS value, f.first_time AS firstTime, p.human AS human
    FROM (SELECT ${subject} AS subject, ${value} AS value, max(human) AS human FROM temp.detect_new_pairs
      WHERE ${subject} IS NOT NULL AND ${value} IS NOT NULL GROUP BY 1, 2) p
    JOIN detection_first_seen f ON f.dimension = ? AND f.subject = p.subject AND f.value = p.value`).all(dimension) as TouchedPair[];
}

/** When a subject (or value) was first seen in a dimension; null when never. */
export function firstSeen(context: DetectionContext, dimension: Dimension | 'key-image', subject: string, value = ''): number | null {
  const time = context.db.prepare('SELECT first_time FROM detection_first_seen WHERE dimension = ? AND subject = ? AND value = ?')
    .pluck().get(dimension, subject, value) as number | undefined;
  return time ?? null;
}

/** True when the subject was active in the learning window: only then can something be "new" for it. */
export function hasBaseline(context: DetectionContext, dimension: Dimension, subject: string, value = ''): boolean {
  const time = firstSeen(context, dimension, subject, value);
  return time !== null && time <= context.learning.end;
}
