import type { BucketSpec } from '../../core/query/time-histogram.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths a person reads at a glance; the smallest that fits the range in the columns wins. */
const NICE_WIDTHS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY,
];

/** Buckets covering [first, last] in at most `maxBuckets` columns, aligned to the width (UTC). */
export function bucketSpec(first: number, last: number, maxBuckets: number): BucketSpec {
  const columns = Math.max(1, maxBuckets);
  const span = Math.max(1, last - first + 1);
  let width = NICE_WIDTHS.find((candidate) => Math.ceil((last - Math.floor(first / candidate) * candidate + 1) / candidate) <= columns);
  // Beyond a year per column: widen in whole years.
  width ??= Math.ceil(span / columns / (365 * DAY)) * 365 * DAY;
  const start = Math.floor(first / width) * width;
  return { start, width, count: Math.floor((last - start) / width) + 1 };
}

/** `5m`, `1h`, `2d`: a bucket width as the axis shows it. */
export function formatWidth(width: number): string {
  if (width % DAY === 0) return `${width / DAY}d`;
  if (width % HOUR === 0) return `${width / HOUR}h`;
  if (width % MINUTE === 0) return `${width / MINUTE}m`;
  return `${Math.round(width / SECOND)}s`;
}
