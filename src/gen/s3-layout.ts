import { gzipSync } from 'node:zlib';
import type { Rng } from './rng.js';
import type { CloudTrailEvent } from './event-types.js';
import { newLogFileSuffix } from './aws-ids.js';
import { MINUTE, SECOND, datePath, deliveryStamp } from './time-format.js';

/** CloudTrail's S3 delivery: which file an event lands in, and the bytes of that file. */

/** One trail's output for one account and region; organization trails add the org id. */
export interface DeliveryStream {
  account: string;
  region: string;
  orgId?: string;
}

export interface DeliveryFile {
  path: string;
  deliveredAt: number;
  stream: DeliveryStream;
  events: CloudTrailEvent[];
}

/** Fixed so output is byte-identical across runs (node's gzip writes mtime 0). */
export const GZIP_LEVEL = 6;

/** `AWSLogs/[o-.../]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<stamp>_<id>.json.gz` */
export function deliveryPath(stream: DeliveryStream, deliveredAt: number, fileSuffix: string): string {
  const { account, region, orgId } = stream;
  const directory = `AWSLogs/${orgId ? `${orgId}/` : ''}${account}/CloudTrail/${region}/${datePath(deliveredAt)}`;
  return `${directory}/${account}_CloudTrail_${region}_${deliveryStamp(deliveredAt)}_${fileSuffix}.json.gz`;
}

/** `{"Records":[...]}` with no trailing newline, from already-serialized events. */
export function recordsJson(eventJsons: readonly string[]): string {
  return `{"Records":[${eventJsons.join(',')}]}`;
}

export function gzipRecords(events: readonly CloudTrailEvent[]): Buffer {
  return gzipDeterministic(recordsJson(events.map((event) => JSON.stringify(event))));
}

/**
 * gzip with a fixed level and a fixed header: node writes mtime 0, and the OS byte is
 * pinned to 3 (Unix) so the header does not depend on the platform. The deflate stream
 * itself can still differ between CPU families (node's zlib picks SIMD paths), so tests
 * compare committed .gz files by content.
 */
export function gzipDeterministic(data: string | Uint8Array): Buffer {
  // A 1 MiB output chunk: same bytes, fewer round trips for ~1 MB Records files.
  const compressed = gzipSync(data, { level: GZIP_LEVEL, chunkSize: 1 << 20 });
  compressed[9] = 3;
  return compressed;
}

export interface DeliveryPlanOptions {
  /** Delivery windows last 5 to 15 minutes, as CloudTrail's do. */
  minWindowMinutes?: number;
  maxWindowMinutes?: number;
  /** A busy window is split across several files. */
  maxEventsPerFile?: number;
}

/**
 * Groups one stream's events into delivery files: consecutive windows of random length,
 * one file per non-empty window, records shuffled because CloudTrail does not sort them.
 */
export function planDeliveries(rng: Rng, stream: DeliveryStream, events: readonly CloudTrailEvent[], options: DeliveryPlanOptions = {}): DeliveryFile[] {
  const minWindow = options.minWindowMinutes ?? 5;
  const maxWindow = options.maxWindowMinutes ?? 15;
  const maxPerFile = options.maxEventsPerFile ?? 500;
  const timed = events.map((event) => ({ event, time: Date.parse(event.eventTime) })).sort((left, right) => left.time - right.time);
  const files: DeliveryFile[] = [];
  let index = 0;
  let windowStart = timed[0] ? timed[0].time - (timed[0].time % MINUTE) : 0;
  while (index < timed.length) {
    const windowEnd = windowStart + rng.between(minWindow, maxWindow) * MINUTE;
    const inWindow: CloudTrailEvent[] = [];
    while (index < timed.length && timed[index]!.time < windowEnd) inWindow.push(timed[index++]!.event);
    for (let offset = 0; offset < inWindow.length; offset += maxPerFile) {
      const deliveredAt = windowEnd + rng.between(60, 300) * SECOND;
      const fileEvents = rng.shuffle(inWindow.slice(offset, offset + maxPerFile));
      files.push({ path: deliveryPath(stream, deliveredAt, newLogFileSuffix(rng)), deliveredAt, stream, events: fileEvents });
    }
    windowStart = windowEnd;
  }
  return files;
}
