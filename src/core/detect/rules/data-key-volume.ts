import { API_CALL, SUBJECT } from '../../athena/event-columns.js';
import { burstCtes, DATA_KEY_NAMES, inList, learningCte } from '../../athena/rule-sql.js';
import { anchoredEvents, subjectAnchor } from '../event-access.js';
import { hitId } from '../hit-store.js';
import { formatDuration, shortPrincipal, SUBJECT_ID_SQL } from '../names.js';
import { TEXT_ID_OF_PARAM, TEXT_IDS_OF_JSON, textOfSql } from '../../index/text-sql.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { peakInWindow, slidingBursts } from '../windows.js';
import { API_RECORD_SQL, OWN_CALL_SQL } from '../event-kinds.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface MinuteCount {
  minute: number;
  own: number;
  service: number;
}

/** Per-minute counts of data-key calls per subject: a principal's own, and AWS services' on its behalf (folded). */
function countNewMinutes(context: DetectionContext): Array<{ subject: string; first: number; last: number }> {
  const { db } = context;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS detect_new_minutes (subject TEXT, minute INTEGER, own INTEGER, service INTEGER);
    DELETE FROM temp.detect_new_minutes;`);
  db.prepare(`INSERT INTO temp.detect_new_minutes SELECT ${textOfSql('g.subject')}, g.minute, g.own, g.service
    FROM (SELECT ${SUBJECT_ID_SQL} AS subject, e.time / ${MINUTE} AS minute, sum(${OWN_CALL_SQL}) AS own, sum(NOT ${OWN_CALL_SQL}) AS service
      FROM events e WHERE e.seq > ? AND e.seq <= ? AND e.time > 0 AND ${API_RECORD_SQL} AND e.name_id IN ${TEXT_IDS_OF_JSON} AND ${SUBJECT_ID_SQL} IS NOT NULL
      GROUP BY 1, 2) g`).run(context.fromSeq, context.toSeq, JSON.stringify(DATA_KEY_NAMES));
  db.exec(`INSERT INTO detection_minutes (subject, minute, own, service) SELECT subject, minute, own, service FROM temp.detect_new_minutes WHERE true
    ON CONFLICT (subject, minute) DO UPDATE SET own = own + excluded.own, service = service + excluded.service`);
  return db.prepare('SELECT subject, min(minute) AS first, max(minute) AS last FROM temp.detect_new_minutes WHERE own > 0 GROUP BY subject')
    .all() as Array<{ subject: string; first: number; last: number }>;
}

function minutes(context: DetectionContext, subject: string, from: number, to: number): MinuteCount[] {
  return context.db.prepare('SELECT minute, own, service FROM detection_minutes WHERE subject = ? AND minute BETWEEN ? AND ? ORDER BY minute')
    .all(subject, from, to) as MinuteCount[];
}

/** The subject's busiest hour of its own calls in the learning window. */
function baselinePeak(context: DetectionContext, subject: string): number {
  const rows = minutes(context, subject, Math.floor(context.learning.start / MINUTE), Math.floor(context.learning.end / MINUTE));
  return peakInWindow(rows.map((row) => row.minute * MINUTE), rows.map((row) => row.own), HOUR);
}

interface Surge {
  subject: string;
  start: number;
  end: number;
  peak: number;
  baseline: number;
  /** Calls AWS services made on the subject's behalf in the surge: said, not counted. */
  folded: number;
}

function saveSurge(context: DetectionContext, surge: Surge): void {
  const { perHour } = context.config.dataKeyVolume;
  const events = anchoredEvents(context, {
    anchors: [subjectAnchor(surge.subject)], since: surge.start, until: surge.end,
    where: `${OWN_CALL_SQL} AND e.name_id IN ${TEXT_IDS_OF_JSON} AND ${SUBJECT_ID_SQL} = ${TEXT_ID_OF_PARAM}`,
    params: [JSON.stringify(DATA_KEY_NAMES), surge.subject],
  });
  const history = surge.baseline > 0 ? `${Math.round(surge.peak / surge.baseline)}× its busiest hour in the learning window (${surge.baseline})` : 'it made none in the learning window';
  const folded = surge.folded > 0 ? ` ${surge.folded} more by AWS services on its behalf are folded, not counted.` : '';
  context.hits.replace(hitId('data-key-volume', surge.subject, surge.start), (found) => ({
    rule: 'data-key-volume', group: surge.subject, severity: 'high', title: 'Data-key volume far above normal',
    reason: `${shortPrincipal(surge.subject)} made ${found.events} GenerateDataKey/Decrypt calls in ${formatDuration(found.last - found.first)}, `
      + `peaking at ${surge.peak} in one hour: over the ${perHour}/h threshold and ${history}.${folded}`,
    principal: surge.subject, keyRef: null, ip: null,
  }), events);
}

/** Recomputes the subject's surges around its new minutes (and its old surges there), replacing their hits. */
function reviewSubject(context: DetectionContext, touched: { subject: string; first: number; last: number }): void {
  const { perHour, baselineFactor } = context.config.dataKeyVolume;
  let from = touched.first - 60;
  let to = touched.last + 60;
  // New minutes in the learning window (older deliveries indexed after newer ones) can raise the subject's
  // baseline: then every surge of it is judged again, not only those near the new minutes.
  const baselineMoved = touched.first * MINUTE <= context.learning.end && touched.last * MINUTE + MINUTE > context.learning.start;
  const old = context.fresh ? [] : baselineMoved ? context.hits.inGroup('data-key-volume', touched.subject, 0, Number.MAX_SAFE_INTEGER)
    : context.hits.inGroup('data-key-volume', touched.subject, from * MINUTE, to * MINUTE + MINUTE);
  for (const hit of old) {
    from = Math.min(from, Math.floor(hit.first / MINUTE) - 60);
    to = Math.max(to, Math.floor(hit.last / MINUTE) + 60);
  }
  const total = context.db.prepare('SELECT coalesce(sum(own), 0) FROM detection_minutes WHERE subject = ? AND minute BETWEEN ? AND ?').pluck().get(touched.subject, from, to) as number;
  if (total < perHour && old.length === 0) return;
  const baseline = baselinePeak(context, touched.subject);
  const rows = minutes(context, touched.subject, from, to);
  const times = rows.map((row) => row.minute * MINUTE);
  const own = rows.map((row) => row.own);
  for (const hit of old) context.hits.delete(hit.id);
  for (const range of slidingBursts(times, HOUR, Math.max(perHour, Math.floor(baseline * baselineFactor) + 1), own)) {
    saveSurge(context, {
      subject: touched.subject, start: times[range.from]!, end: times[range.to]! + MINUTE - 1, baseline,
      peak: peakInWindow(times, own, HOUR, range.from, range.to),
      folded: rows.slice(range.from, range.to + 1).reduce((sum, row) => sum + row.service, 0),
    });
  }
}

export const dataKeyVolume: DetectionRule = {
  id: 'data-key-volume',
  title: 'Data-key volume far above normal',
  severity: 'high',
  summary: 'GenerateDataKey* and Decrypt per principal per hour above a threshold (200/h) and far above its own learning-window peak',
  run(context) {
    for (const touched of countNewMinutes(context)) reviewSubject(context, touched);
  },
  athena({ config }) {
    const { perHour, baselineFactor } = config.dataKeyVolume;
    return {
      ctes: [
        learningCte(config),
        `calls AS (
  SELECT ${SUBJECT} AS subject, floor(to_unixtime(event_time) / 60) * 60 AS minute, actor <> 'service' AS own, eventid FROM events
  WHERE ${API_CALL} AND event_time IS NOT NULL AND eventname IN ${inList(DATA_KEY_NAMES)}
)`,
        // Per-minute counts of a subject's own calls (AWS services' calls on its behalf are folded, not counted).
        `minutes AS (
  SELECT subject AS grp, minute AS ts, min(eventid) AS eventid, sum(CASE WHEN own THEN 1 ELSE 0 END) AS weight
  FROM calls WHERE subject IS NOT NULL GROUP BY 1, 2
)`,
        // The subject's busiest sliding hour inside the learning window.
        `baseline AS (
  SELECT grp, max(calls) AS peak FROM (
    SELECT a.grp, a.ts, sum(b.weight) AS calls FROM minutes a CROSS JOIN learning l
    JOIN minutes b ON b.grp = a.grp AND b.ts >= a.ts AND b.ts < a.ts + 3600 AND b.ts <= floor(l.end_ts / 60) * 60
    WHERE a.ts BETWEEN floor(l.start_ts / 60) * 60 AND floor(l.end_ts / 60) * 60 GROUP BY a.grp, a.ts
  ) windows GROUP BY grp
)`,
        `volume AS (
  SELECT m.*, coalesce(b.peak, 0) AS learning_peak, greatest(${perHour}, floor(coalesce(b.peak, 0) * ${baselineFactor}) + 1) AS minimum
  FROM minutes m LEFT JOIN baseline b ON b.grp = m.grp
)`,
        ...burstCtes('surge', 'volume', 3600),
      ],
      select: `SELECT s.grp AS principal, from_unixtime(min(s.ts)) AS surge_start, from_unixtime(max(s.ts) + 59) AS surge_end, max(s.learning_peak) AS learning_peak,
  count(c.eventid) AS calls, array_agg(c.eventid) AS eventids
FROM surge_members s JOIN calls c ON c.subject = s.grp AND c.minute = s.ts AND c.own
GROUP BY s.grp, s.burst
ORDER BY surge_start`,
    };
  },
};
