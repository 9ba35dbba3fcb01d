import { isAbsolute, relative, resolve } from 'node:path';
import { Rng } from './rng.js';
import type { CloudTrailEvent } from './event-types.js';
import { buildBenchWorld, BENCH_ACCOUNTS, BENCH_REGIONS } from './bench-world.js';
import { BenchProbes } from './bench-probes.js';
import { kmsCryptoEvent, type BenchContext } from './bench-kms-events.js';
import { ebsFlowEvents, kmsAdminEvent } from './bench-kms-admin-events.js';
import { otherEvent, OTHER_CALLS } from './bench-other-events.js';
import { deliveryPath, recordsJson } from './s3-layout.js';
import { newLogFileSuffix } from './aws-ids.js';
import { GzipTreeWriter } from './gzip-tree-writer.js';
import { SECOND, isoSeconds } from './time-format.js';

/**
 * A large deterministic S3-layout tree for the benchmark: ~550 events per Records file,
 * ~60% KMS, Zipf-hot keys, principals and instances, ~2% errors. Events stream into
 * per-account/region buckets that are gzipped and written as they fill.
 */
export interface BenchTreeOptions {
  events: number;
  outDir: string;
  seed: number;
  eventsPerFile?: number;
  /** Events are spread from here at ~0.6 s apart (1M events span about a week). */
  start?: number;
}

const ORG_ID = 'o-bench0keytrail';
const CATEGORIES = [['kmsCrypto', 44], ['kmsAdmin', 12.5], ['ebsFlow', 0.8], ...OTHER_CALLS.map(([service, weight]) => [service, weight * 1.02] as const)] as const;

interface Bucket {
  account: string;
  region: string;
  jsons: string[];
  lastTime: number;
  target: number;
}

function nextEvents(context: BenchContext, time: number): CloudTrailEvent[] {
  const category = context.rng.weighted(CATEGORIES);
  if (category === 'kmsCrypto') return [kmsCryptoEvent(context, time)];
  if (category === 'kmsAdmin') return [kmsAdminEvent(context, time)];
  if (category === 'ebsFlow') return ebsFlowEvents(context, time);
  return [otherEvent(context, time, category)];
}

export async function generateBenchTree(options: BenchTreeOptions) {
  const started = performance.now();
  const rng = new Rng(options.seed);
  const world = buildBenchWorld(rng.fork('world'));
  const probes = new BenchProbes(world);
  const context: BenchContext = { rng: rng.fork('events'), world, probes, errorRate: 0.02 };
  const fileRng = rng.fork('files');
  const perFile = options.eventsPerFile ?? 550;
  const start = options.start ?? Date.UTC(2026, 10, 1);
  const writer = new GzipTreeWriter(options.outDir);
  const buckets = new Map<string, Bucket>();
  const counts = { kms: 0, errors: 0 };
  let lastTime = start;
  const flush = async (bucket: Bucket): Promise<void> => {
    const deliveredAt = bucket.lastTime + fileRng.between(60, 300) * SECOND;
    const stream = { account: bucket.account, region: bucket.region, orgId: bucket.account === BENCH_ACCOUNTS[0] ? undefined : ORG_ID };
    // CloudTrail does not sort records within a file.
    await writer.write(deliveryPath(stream, deliveredAt, newLogFileSuffix(fileRng)), recordsJson(fileRng.shuffle(bucket.jsons)));
    bucket.jsons = [];
    bucket.target = perFile - 40 + fileRng.int(81);
  };
  for (let produced = 0; produced < options.events; ) {
    const time = start + produced * 600 + context.rng.int(60 * SECOND);
    for (const event of nextEvents(context, time)) {
      if (produced >= options.events) break;
      const json = JSON.stringify(event);
      probes.onEvent(event, json);
      if (event.eventSource === 'kms.amazonaws.com') counts.kms++;
      if (event.errorCode) counts.errors++;
      const key = `${event.recipientAccountId}/${event.awsRegion}`;
      const bucket = buckets.get(key) ?? { account: event.recipientAccountId, region: event.awsRegion, jsons: [], lastTime: 0, target: perFile };
      buckets.set(key, bucket);
      bucket.jsons.push(json);
      bucket.lastTime = Math.max(bucket.lastTime, time);
      lastTime = Math.max(lastTime, time);
      produced++;
      if (bucket.jsons.length >= bucket.target) await flush(bucket);
    }
  }
  for (const key of [...buckets.keys()].sort()) if (buckets.get(key)!.jsons.length > 0) await flush(buckets.get(key)!);
  await writer.finish();
  const elapsedMs = Math.round(performance.now() - started);
  return {
    generator: 'src/gen/bench-tree.ts',
    seed: options.seed,
    events: options.events,
    files: writer.files,
    bytes: writer.gzippedBytes,
    rawJsonBytes: writer.rawBytes,
    elapsedMs,
    eventsPerSecond: Math.round(options.events / (elapsedMs / 1000)),
    window: { from: isoSeconds(start), to: isoSeconds(lastTime) },
    layout: { accounts: [...BENCH_ACCOUNTS], regions: [...BENCH_REGIONS], organizationId: ORG_ID, accountTrail: BENCH_ACCOUNTS[0] },
    counts: { kmsEvents: counts.kms, errorEvents: counts.errors },
    probes: probes.summary(),
  };
}

/** True when `child` is `parent` or below it: the CLI refuses to write bench data into the repo. */
export function isInsideDirectory(parent: string, child: string): boolean {
  const path = relative(resolve(parent), resolve(child));
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

export type BenchManifest = Awaited<ReturnType<typeof generateBenchTree>>;
