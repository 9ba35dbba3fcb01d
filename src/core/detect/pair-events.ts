import { anchoredEvents, subjectAnchor, type AnchoredQuery } from './event-access.js';
import type { TimedSeq } from './hit-store.js';
import { touchedPairs, type TouchedPair } from './first-seen.js';
import { countsText, SUBJECT_ID_SQL } from './names.js';
import type { DetectionContext } from './rule.js';
import { API_RECORD_SQL, OWN_CALL_SQL } from './event-kinds.js';
import { TEXT_ID_OF_PARAM } from '../index/text-sql.js';

/** The events of a first-seen pair (never AWS services' own, never network activity), through the rarer of its two values. */
const OWN = `${OWN_CALL_SQL} AND ${API_RECORD_SQL}`;
const keyAnchor = (keyRef: string) => ({ kinds: ['key', 'alias'] as AnchoredQuery['anchors'][number]['kinds'], value: keyRef });

export function subjectIpQuery(subject: string, ip: string): AnchoredQuery {
  return { anchors: [subjectAnchor(subject), { kinds: ['ip'], value: ip }], where: `${OWN} AND ${SUBJECT_ID_SQL} = ${TEXT_ID_OF_PARAM} AND e.ip_id = ${TEXT_ID_OF_PARAM}`, params: [subject, ip] };
}

export function keyIpQuery(keyRef: string, ip: string): AnchoredQuery {
  return { anchors: [keyAnchor(keyRef), { kinds: ['ip'], value: ip }], where: `${OWN} AND e.key_ref_id = ${TEXT_ID_OF_PARAM} AND e.ip_id = ${TEXT_ID_OF_PARAM}`, params: [keyRef, ip] };
}

export function keySubjectQuery(keyRef: string, subject: string): AnchoredQuery {
  return { anchors: [keyAnchor(keyRef), subjectAnchor(subject)], where: `${OWN} AND e.key_ref_id = ${TEXT_ID_OF_PARAM} AND ${SUBJECT_ID_SQL} = ${TEXT_ID_OF_PARAM}`, params: [keyRef, subject] };
}

export type PairDimension = 'subject-ip' | 'key-ip' | 'key-subject';

const QUERY: Record<PairDimension, (subject: string, value: string) => AnchoredQuery> = {
  'subject-ip': subjectIpQuery,
  'key-ip': keyIpQuery,
  'key-subject': keySubjectQuery,
};

/** How an event belongs to a wanted pair `w`, by text id (fixed SQL text). */
const JOIN: Record<PairDimension, string> = {
  'subject-ip': `w.subject = ${SUBJECT_ID_SQL} AND w.value = e.ip_id`,
  'key-ip': 'w.subject = e.key_ref_id AND w.value = e.ip_id',
  'key-subject': `w.subject = e.key_ref_id AND w.value = ${SUBJECT_ID_SQL}`,
};

/**
 * The events of the pairs a rule reports, keyed by hit id: this run's events of all of
 * them in one pass (the events drive the loop, each probes the wanted pairs), plus the
 * older events of pairs whose hit is new in an incremental run (late arrivals).
 */
export function eventsOfPairs(context: DetectionContext, dimension: PairDimension, pairs: Array<TouchedPair & { id: string }>): Map<string, TimedSeq[]> {
  const { db } = context;
  // By text id: each of the run's events probes the pairs without reading a text.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS detect_wanted_pair_ids (subject INTEGER NOT NULL, value INTEGER NOT NULL, id TEXT NOT NULL,
    PRIMARY KEY (subject, value)) WITHOUT ROWID;
    DELETE FROM temp.detect_wanted_pair_ids;`);
  const insert = db.prepare(`INSERT OR IGNORE INTO temp.detect_wanted_pair_ids (subject, value, id)
    SELECT s.id, v.id, ? FROM texts s, texts v WHERE s.text = ? AND v.text = ?`);
  for (const pair of pairs) insert.run(pair.id, pair.subject, pair.value);
  const found = new Map<string, TimedSeq[]>(pairs.map((pair) => [pair.id, []]));
  const rows = db.prepare(`SELECT e.seq AS seq, e.time AS time, w.id AS id FROM events e CROSS JOIN temp.detect_wanted_pair_ids w ON ${JOIN[dimension]}
    WHERE e.seq > ? AND e.seq <= ? AND ${OWN} ORDER BY e.time, e.seq`).all(context.fromSeq, context.toSeq) as Array<TimedSeq & { id: string }>;
  for (const row of rows) found.get(row.id)?.push({ seq: row.seq, time: row.time });
  if (!context.fresh) {
    for (const pair of pairs.filter((wanted) => context.hits.existing(wanted.id) === null)) {
      found.set(pair.id, anchoredEvents(context, { ...QUERY[dimension](pair.subject, pair.value), since: pair.firstTime }));
    }
  }
  return found;
}

/**
 * The event names of all of a hit's events, for its reason: `Decrypt ×12, GenerateDataKey ×3`. Read from
 * the store, not from the events a run adds: an extended hit's reason must tally every call it counts.
 */
export function hitEventNames(context: DetectionContext, hitId: string): string {
  return countsText(context.db.prepare('SELECT e.name FROM detection_hit_events h JOIN events e ON e.seq = h.seq WHERE h.hit_id = ?').pluck()
    .all(hitId) as Array<string | null>);
}

/** The one source address all of a hit's events came from; null when they came from several, or from none. */
export function hitSingleIp(context: DetectionContext, hitId: string): string | null {
  const ips = context.db.prepare('SELECT DISTINCT e.ip FROM detection_hit_events h JOIN events e ON e.seq = h.seq WHERE h.hit_id = ? LIMIT 2').pluck()
    .all(hitId) as Array<string | null>;
  return ips.length === 1 ? ips[0] ?? null : null;
}

/**
 * The shape of every first-seen rule: keep the touched pairs `judge` reports (withdrawing
 * the hits of the others on later runs), fetch their events in one pass, save each.
 */
export function reviewPairs<T extends TouchedPair & { id: string }>(
  context: DetectionContext,
  dimension: PairDimension,
  judge: (pair: TouchedPair) => T | null,
  save: (pair: T, events: TimedSeq[]) => void,
  idOf: (pair: TouchedPair) => string,
): void {
  const wanted: T[] = [];
  for (const pair of touchedPairs(context, dimension)) {
    const kept = judge(pair);
    if (kept) wanted.push(kept);
    else if (!context.fresh) context.hits.delete(idOf(pair));
  }
  const events = eventsOfPairs(context, dimension, wanted);
  for (const pair of wanted) {
    const found = events.get(pair.id) ?? [];
    if (found.length > 0) save(pair, found);
  }
}
