import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from './rng.js';
import type { CloudTrailEvent } from './event-types.js';
import { buildBenchWorld, BENCH_ACCOUNTS, type BenchWorld } from './bench-world.js';
import { BenchProbes, type ProbeSnapshot } from './bench-probes.js';
import { kmsCryptoEvent, type BenchContext } from './bench-kms-events.js';
import { ebsFlowEvents, kmsAdminEvent } from './bench-kms-admin-events.js';
import { otherEvent, OTHER_CALLS } from './bench-other-events.js';
import { deliveryPath, gzipDeterministic } from './s3-layout.js';
import { newLogFileSuffix } from './aws-ids.js';
import { assembleRecords, RecordsBuffer } from './records-buffer.js';
import { SECOND } from './time-format.js';

/**
 * One slice of the bench tree: events [firstEvent, firstEvent + count), generated from
 * streams that depend only on the seed and the slice, so slices can run in any worker
 * and the tree is the same. Each account/region fills a ~550-event file, which is
 * gzipped and written as soon as it is full; leftovers are flushed at the slice's end.
 */
export interface ChunkTask {
  seed: number;
  chunkIndex: number;
  firstEvent: number;
  count: number;
  outDir: string;
  start: number;
  eventsPerFile: number;
  errorRate: number;
}

export interface ChunkResult {
  chunkIndex: number;
  files: number;
  rawBytes: number;
  gzippedBytes: number;
  kmsEvents: number;
  errorEvents: number;
  lastTime: number;
  probes: ProbeSnapshot;
}

export const BENCH_ORG_ID = 'o-bench0keytrail';
/** Events are ~0.6 s apart: a million span about a week. */
export const EVENT_SPACING_MS = 600;

const CATEGORIES = [['kmsCrypto', 44], ['kmsAdmin', 12.5], ['ebsFlow', 0.8], ...OTHER_CALLS.map(([service, weight]) => [service, weight * 1.02] as const)] as const;

interface Bucket {
  account: string;
  region: string;
  records: RecordsBuffer;
  lastTime: number;
  target: number;
}

/** The next call of the bench mix (an EBS flow is several events). */
export function nextEvents(context: BenchContext, time: number): CloudTrailEvent[] {
  const category = context.rng.weighted(CATEGORIES);
  if (category === 'kmsCrypto') return [kmsCryptoEvent(context, time)];
  if (category === 'kmsAdmin') return [kmsAdminEvent(context, time)];
  if (category === 'ebsFlow') return ebsFlowEvents(context, time);
  return [otherEvent(context, time, category)];
}

/** Gzips one full bucket into its delivery file, records shuffled as CloudTrail leaves them. */
function writeRecordsFile(task: ChunkTask, fileRng: Rng, bucket: Bucket): { rawBytes: number; gzippedBytes: number } {
  const deliveredAt = bucket.lastTime + fileRng.between(60, 300) * SECOND;
  const stream = { account: bucket.account, region: bucket.region, orgId: bucket.account === BENCH_ACCOUNTS[0] ? undefined : BENCH_ORG_ID };
  const path = join(task.outDir, deliveryPath(stream, deliveredAt, newLogFileSuffix(fileRng)));
  const order = fileRng.shuffle(Array.from({ length: bucket.records.count }, (_, index) => index));
  const text = assembleRecords(bucket.records.take(order));
  const compressed = gzipDeterministic(text);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, compressed);
  return { rawBytes: text.length, gzippedBytes: compressed.length };
}

export function generateBenchChunk(task: ChunkTask, world: BenchWorld = buildBenchWorld(new Rng(task.seed).fork('world'))): ChunkResult {
  const root = new Rng(task.seed);
  const probes = new BenchProbes(world);
  const context: BenchContext = { rng: root.fork(`events-${task.chunkIndex}`), world, probes, errorRate: task.errorRate };
  const fileRng = root.fork(`files-${task.chunkIndex}`);
  const result = { chunkIndex: task.chunkIndex, files: 0, rawBytes: 0, gzippedBytes: 0, kmsEvents: 0, errorEvents: 0, lastTime: task.start };
  const buckets = new Map<string, Bucket>();
  const flush = (bucket: Bucket): void => {
    const written = writeRecordsFile(task, fileRng, bucket);
    result.files++;
    result.rawBytes += written.rawBytes;
    result.gzippedBytes += written.gzippedBytes;
    bucket.target = task.eventsPerFile - 40 + fileRng.int(81);
  };
  const end = task.firstEvent + task.count;
  for (let index = task.firstEvent; index < end; ) {
    const time = task.start + index * EVENT_SPACING_MS + context.rng.int(60 * SECOND);
    for (const event of nextEvents(context, time)) {
      if (index >= end) break;
      probes.onEvent(event);
      if (event.eventSource === 'kms.amazonaws.com') result.kmsEvents++;
      if (event.errorCode) result.errorEvents++;
      const key = `${event.recipientAccountId}/${event.awsRegion}`;
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { account: event.recipientAccountId, region: event.awsRegion, records: new RecordsBuffer(), lastTime: 0, target: task.eventsPerFile }));
      bucket.records.append(JSON.stringify(event));
      bucket.lastTime = Math.max(bucket.lastTime, time);
      result.lastTime = Math.max(result.lastTime, time);
      index++;
      if (bucket.records.count >= bucket.target) flush(bucket);
    }
  }
  for (const key of [...buckets.keys()].sort()) if (buckets.get(key)!.records.count > 0) flush(buckets.get(key)!);
  return { ...result, probes: probes.snapshot() };
}
