import { formatTime } from '../../normalize/time.js';
import { keyParts, logDeliveryTime } from '../../validate/layout.js';
import { athenaHeader } from '../athena-sql.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { formatDuration } from '../names.js';
import type { DetectionContext, DetectionRule } from '../rule.js';

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

function eventsDuring(context: DetectionContext, gap: Gap): TimedSeq[] {
  const segments = gap.stream.split('/');
  return context.db.prepare('SELECT seq, time FROM events WHERE time > ? AND time < ? AND account = ? AND region = ? ORDER BY time, seq')
    .all(gap.from, gap.to, segments[segments.length - 2], segments[segments.length - 1]) as TimedSeq[];
}

function saveGap(context: DetectionContext, gap: Gap): void {
  const events = eventsDuring(context, gap);
  const label = gap.stream.split('/').join(' ');
  const clock = (time: number): string => (formatTime(time) ?? '').slice(11, 16);
  const span = `${formatDuration(gap.to - gap.from)} (${clock(gap.from)} to ${clock(gap.to)} UTC)`;
  const known = events.length > 0 ? ` ${events.length} event(s) from that time are known from other copies.` : '';
  context.hits.replace(hitId('delivery-gap', gap.stream, gap.from), () => ({
    rule: 'delivery-gap', group: gap.stream, severity: gap.open ? 'low' : 'medium',
    title: gap.open ? 'Log delivery stopped' : 'Gap in log delivery',
    reason: `No CloudTrail log file from ${label} for ${span}${gap.open ? ', up to the newest file of any stream' : ''}, while other streams delivered ${gap.others} file(s); `
      + `its files are usually at most ${formatDuration(gap.usual)} apart.${known}`,
    principal: null, keyRef: null, ip: null, first: gap.from, last: gap.to,
  }), events);
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
  athena({ table }) {
    return [
      athenaHeader(deliveryGap),
      '-- Delivery gaps are about files, not events: list the S3 objects instead, e.g.',
      '--   aws s3api list-objects-v2 --bucket BUCKET --prefix AWSLogs/ACCOUNT/CloudTrail/REGION/ --query "Contents[].[LastModified,Key]"',
      '-- or, with S3 Inventory in Athena, look for long gaps between last_modified_date per account/region prefix.',
      "SELECT recipientaccountid, awsregion, date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hour, count(*) AS events",
      `FROM ${table} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;`,
    ].join('\n');
  },
};
