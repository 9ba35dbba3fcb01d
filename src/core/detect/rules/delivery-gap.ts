import { learningCte } from '../../athena/rule-sql.js';
import { formatTime } from '../../normalize/time.js';
import { keyParts, logDeliveryTime } from '../../validate/layout.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { formatDuration } from '../names.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { SEVERITY_RANK } from '../types.js';
import { TEXT_ID_OF_PARAM } from '../../index/text-sql.js';

/** A stream needs this many files in the learning window before its usual spacing means anything. */
const MIN_LEARNING_FILES = 5;

interface Gap {
  stream: string;
  from: number;
  to: number;
  open: boolean;
  usual: number;
  others: number;
}

/** Log files by delivery stream (`[org/]account/region`) and delivery time, from their S3 names. */
function recordNewDeliveries(context: DetectionContext): void {
  const files = context.db.prepare('SELECT id, path FROM files WHERE id > ? AND id <= ?').all(context.fromFileId, context.toFileId) as Array<{ id: number; path: string }>;
  const insert = context.db.prepare('INSERT OR IGNORE INTO detection_deliveries (file_id, stream, time) VALUES (?, ?, ?)');
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/');
    const at = path.lastIndexOf('AWSLogs/');
    const parts = at >= 0 ? keyParts(path.slice(at)) : null;
    const time = logDeliveryTime(path.slice(path.lastIndexOf('/') + 1));
    if (parts?.folder === 'CloudTrail' && parts.region && time !== null) insert.run(file.id, `${parts.owner.slice('AWSLogs/'.length)}/${parts.region}`, time);
  }
}

/** How many deliveries of all streams fall strictly inside (from, to): sorted times, two binary searches. */
function countBetween(sorted: number[], from: number, to: number): number {
  const search = (value: number, strict: boolean): number => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < value || (!strict && sorted[middle]! === value)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return Math.max(0, search(to, true) - search(from, false));
}

function streamGaps(context: DetectionContext, stream: string, times: number[], all: number[], lastOfAll: number): Gap[] {
  const learned = times.filter((time) => time <= context.learning.end);
  if (learned.length < MIN_LEARNING_FILES) return [];
  const usual = learned.slice(1).reduce((widest, time, index) => Math.max(widest, time - learned[index]!), 0);
  const { minimumMinutes, usualFactor } = context.config.deliveryGap;
  const threshold = Math.max(minimumMinutes * 60_000, usual * usualFactor);
  // Between each file and the next; after the last one, up to the newest file of any stream (open).
  return times
    .map((time, index) => ({ stream, from: time, to: times[index + 1] ?? lastOfAll, open: index === times.length - 1, usual, others: 0 }))
    .filter((gap) => gap.to > context.learning.end && gap.to - gap.from > threshold)
    .map((gap) => ({ ...gap, others: countBetween(all, gap.from, gap.to) }))
    .filter((gap) => gap.others > 0);
}

/**
 * The stream's newest record before the gap, among the files it delivered within its usual spacing of the
 * gap's start: a file holds the records of a few minutes before its delivery, so what the stream lacks
 * starts there, not at the delivery time. Several files count, as one may hold only a late record.
 */
function lastRecordBefore(context: DetectionContext, gap: Gap): number {
  // Their own records, and the records they share with files read before them (kept as their sources).
  const newest = context.db.prepare(`SELECT max(time) FROM (
      SELECT e.time FROM detection_deliveries d JOIN event_rows e ON e.file_id = d.file_id WHERE d.stream = ? AND d.time >= ? AND d.time <= ?
      UNION ALL SELECT e.time FROM detection_deliveries d JOIN event_sources s ON s.file_id = d.file_id JOIN event_rows e ON e.seq = s.seq
        WHERE d.stream = ? AND d.time >= ? AND d.time <= ?) WHERE time > 0`)
    .pluck().get(gap.stream, gap.from - gap.usual, gap.from, gap.stream, gap.from - gap.usual, gap.from) as number | null;
  return Math.min(newest ?? gap.from, gap.from);
}

/** Events of the stream's account and region from its last record before the gap to the gap's end that reached us only through other files. */
function eventsFromOtherCopies(context: DetectionContext, gap: Gap, since: number): TimedSeq[] {
  const segments = gap.stream.split('/');
  return context.db.prepare(`SELECT e.seq AS seq, e.time AS time FROM events e WHERE e.time >= ? AND e.time < ?
      AND e.account_id = ${TEXT_ID_OF_PARAM} AND e.region_id = ${TEXT_ID_OF_PARAM}
      AND e.file_id NOT IN (SELECT file_id FROM detection_deliveries WHERE stream = ?)
      AND NOT EXISTS (SELECT 1 FROM event_sources s JOIN detection_deliveries d ON d.file_id = s.file_id WHERE s.seq = e.seq AND d.stream = ?)
    ORDER BY e.time, e.seq`).all(since, gap.to, segments[segments.length - 2], segments[segments.length - 1], gap.stream, gap.stream) as TimedSeq[];
}

/**
 * The trail changes that explain thinner deliveries: the account's trail stopped recording KMS
 * (or at all) before the gap and was not restored until after it began. From this run's
 * kms-excluded-from-trail hits (high: stopped; info: restored).
 */
function tamperingBefore(context: DetectionContext, gap: Gap): TimedSeq[] {
  const account = gap.stream.split('/').slice(-2, -1)[0];
  const changes = context.db.prepare(`SELECT e.seq AS seq, e.time AS time, h.rank AS rank FROM detection_hits h
      JOIN detection_hit_events x ON x.hit_id = h.id JOIN events e ON e.seq = x.seq
    WHERE h.rule = 'kms-excluded-from-trail' AND e.account = ? AND e.time < ? ORDER BY e.time`).all(account, gap.to) as Array<TimedSeq & { rank: number }>;
  let open: TimedSeq | null = null;
  for (const change of changes) {
    if (change.rank >= SEVERITY_RANK.high) open = open ?? change;
    else if (change.rank === SEVERITY_RANK.info && change.time <= gap.from) open = null;
  }
  return open ? [open] : [];
}

function saveGap(context: DetectionContext, gap: Gap): void {
  const since = lastRecordBefore(context, gap);
  const copies = eventsFromOtherCopies(context, gap, since);
  const tampering = tamperingBefore(context, gap);
  const label = gap.stream.split('/').join(' ');
  const clock = (time: number): string => (formatTime(time) ?? '').slice(11, 16);
  const span = `${formatDuration(gap.to - gap.from)} (${clock(gap.from)} to ${clock(gap.to)} UTC)`;
  const day = (time: number): string => (formatTime(time) ?? '').slice(0, 10);
  const lastRecord = day(since) === day(gap.from) ? clock(since) : (formatTime(since) ?? '').slice(0, 16).replace('T', ' ');
  const fromCopies = `${copies.length} event(s) since then reached us only through other copies`;
  // since = gap.from: no record of its last files was older than their delivery.
  const known = since < gap.from
    ? ` Its newest record before the gap is from ${lastRecord} UTC${copies.length > 0 ? `; ${fromCopies}` : ''}.`
    : copies.length > 0 ? ` Since its last file, ${fromCopies}.` : '';
  const cause = tampering.length > 0 ? ` The account's trail had stopped recording KMS at ${clock(tampering[0]!.time)} UTC (kms-excluded-from-trail), which leaves it fewer events to deliver.` : '';
  context.hits.replace(hitId('delivery-gap', gap.stream, gap.from), () => ({
    rule: 'delivery-gap', group: gap.stream, severity: gap.open ? 'low' : 'medium',
    title: gap.open ? 'Log delivery stopped' : 'Gap in log delivery',
    reason: `No CloudTrail log file from ${label} for ${span}${gap.open ? ', up to the newest file of any stream' : ''}, while other streams delivered ${gap.others} file(s); `
      + `its files are usually at most ${formatDuration(gap.usual)} apart.${known}${cause}`,
    principal: null, keyRef: null, ip: null, first: since, last: gap.to,
  }), [...tampering, ...copies]);
}

export const deliveryGap: DetectionRule = {
  id: 'delivery-gap',
  title: 'Gap in log delivery',
  severity: 'medium',
  summary: 'no log file from an account/region for longer than usual (learned per stream), while other streams keep delivering',
  run(context) {
    if (!context.fresh && context.toFileId === context.fromFileId) return;
    recordNewDeliveries(context);
    // Deliveries are few (one file per stream per few minutes): rereading them all is cheap.
    const rows = context.db.prepare('SELECT stream, time FROM detection_deliveries ORDER BY stream, time').all() as Array<{ stream: string; time: number }>;
    const byStream = new Map<string, number[]>();
    for (const row of rows) {
      const times = byStream.get(row.stream) ?? [];
      times.push(row.time);
      byStream.set(row.stream, times);
    }
    const all = rows.map((row) => row.time).sort((a, b) => a - b);
    context.hits.deleteRule('delivery-gap');
    for (const [stream, times] of byStream) {
      for (const gap of streamGaps(context, stream, times, all, all[all.length - 1] ?? 0)) saveGap(context, gap);
    }
  },
  athena({ config }) {
    const { minimumMinutes, usualFactor } = config.deliveryGap;
    const stream = "regexp_extract(log_path, 'AWSLogs/((?:o-[a-z0-9]+/)?[0-9]+/CloudTrail/[^/]+)/', 1)";
    const stamp = "regexp_extract(regexp_extract(log_path, '[^/]*\\z'), '_CloudTrail_[A-Za-z0-9_-]+_([0-9]{8}T[0-9]{4})Z', 1)";
    const part = (from: number, length: number): string => `substr(${stamp}, ${from}, ${length})`;
    const delivered = `to_unixtime(from_iso8601_timestamp(${part(1, 4)} || '-' || ${part(5, 2)} || '-' || ${part(7, 2)} || 'T' || ${part(10, 2)} || ':' || ${part(12, 2)} || ':00Z'))`;
    // Gaps are about files: each log object's stream (`[org/]account/region`) and delivery time, from its S3 key.
    return {
      ctes: [learningCte(config),
        // newest: the file's newest record; a gap starts at the newest record of the files delivered at its start.
        `files AS (SELECT log_path, replace(${stream}, '/CloudTrail/', '/') AS stream, ${delivered} AS ts,
  max(to_unixtime(try(from_iso8601_timestamp(eventtime)))) AS newest FROM trail WHERE ${stamp} <> '' GROUP BY 1, 2, 3)`,
        `spacing AS (SELECT stream, ts AS from_ts, lead(ts) OVER (PARTITION BY stream ORDER BY ts) AS next_ts FROM files)`,
        // A stream's usual spacing: the widest between its files while learning (five files at least).
        `usual AS (SELECT s.stream, count(*) AS learned, coalesce(max(CASE WHEN s.next_ts <= l.end_ts THEN s.next_ts - s.from_ts END), 0) AS widest
  FROM spacing s CROSS JOIN learning l WHERE s.from_ts <= l.end_ts GROUP BY 1)`,
        `gaps AS (SELECT s.stream, s.from_ts, coalesce(s.next_ts, (SELECT max(ts) FROM files)) AS to_ts, s.next_ts IS NULL AS still_open, u.widest
  FROM spacing s JOIN usual u ON u.stream = s.stream CROSS JOIN learning l
  WHERE u.learned >= 5 AND coalesce(s.next_ts, (SELECT max(ts) FROM files)) > l.end_ts
    AND coalesce(s.next_ts, (SELECT max(ts) FROM files)) - s.from_ts > greatest(${minimumMinutes * 60}, u.widest * ${usualFactor}))`,
        // The stream's newest record before the gap, among its files delivered within its usual spacing of the gap's start.
        `starts AS (SELECT g.stream, g.from_ts, least(coalesce(max(f.newest), g.from_ts), g.from_ts) AS since_ts
  FROM gaps g LEFT JOIN files f ON f.stream = g.stream AND f.ts >= g.from_ts - g.widest AND f.ts <= g.from_ts GROUP BY 1, 2)`],
      // missing_from: the stream's newest record before the gap, from which on it holds no record.
      select: `SELECT g.stream, from_unixtime(g.from_ts) AS gap_start, from_unixtime(g.to_ts) AS gap_end, from_unixtime(st.since_ts) AS missing_from,
  g.from_ts, g.to_ts, st.since_ts, g.still_open, g.widest / 60 AS usual_minutes, count(f.log_path) AS other_files, CAST(ARRAY[] AS ARRAY(VARCHAR)) AS eventids
FROM gaps g JOIN starts st ON st.stream = g.stream AND st.from_ts = g.from_ts JOIN files f ON f.ts > g.from_ts AND f.ts < g.to_ts
GROUP BY g.stream, g.from_ts, st.since_ts, g.to_ts, g.still_open, g.widest
ORDER BY gap_start, g.stream`,
    };
  },
};
