import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Rng } from './rng.js';
import type { CloudTrailEvent } from './event-types.js';
import { buildBenchWorld, BENCH_ACCOUNTS, BENCH_REGIONS } from './bench-world.js';
import { BenchProbes, summarizeProbes } from './bench-probes.js';
import type { BenchContext } from './bench-kms-events.js';
import { newLogFileSuffix } from './aws-ids.js';
import { deliveryPath, gzipDeterministic, recordsJson, type DeliveryStream } from './s3-layout.js';
import { busyRound, COMMERCIAL_REGIONS, DELIVERY_MINUTES, quietDelivery, s3ShapeStreams, streamKey } from './s3-shape-traffic.js';
import { MINUTE, SECOND, isoSeconds } from './time-format.js';

/**
 * The benchmark's small-files tree, shaped like an `aws s3 sync` of a trail: every account
 * delivers one file per region every five minutes, `AWSLogs/<account>/CloudTrail/<region>/
 * YYYY/MM/DD/<account>_CloudTrail_<region>_<stamp>_<random>.json.gz`. Rounds are whole, so
 * the tree holds `files` rounded up to a multiple of the streams (4 accounts x 17 regions).
 * The events are the bench tree's (src/gen/bench-tree.ts), from one seeded stream.
 */
export interface S3ShapeTreeOptions {
  files: number;
  seed: number;
  outDir: string;
  start?: number;
}

/** How many files hold how many events: the shape the benchmark claims to measure. */
export interface FileSizeHistogram {
  empty: number;
  upTo10: number;
  upTo99: number;
  hundredsOrMore: number;
  largest: number;
}

const BUSY_REGIONS: ReadonlySet<string> = new Set(BENCH_REGIONS);

function histogramAdd(histogram: FileSizeHistogram, events: number): void {
  if (events === 0) histogram.empty++;
  else if (events <= 10) histogram.upTo10++;
  else if (events < 100) histogram.upTo99++;
  else histogram.hundredsOrMore++;
  histogram.largest = Math.max(histogram.largest, events);
}

/** One delivery file, records shuffled as CloudTrail leaves them; returns its raw and gzipped sizes. */
function writeDelivery(outDir: string, fileRng: Rng, stream: DeliveryStream, roundEnd: number, events: CloudTrailEvent[]): [number, number] {
  const deliveredAt = roundEnd + fileRng.between(30, 240) * SECOND;
  const path = join(outDir, deliveryPath(stream, deliveredAt, newLogFileSuffix(fileRng)));
  const text = recordsJson(fileRng.shuffle(events.map((event) => JSON.stringify(event))));
  const compressed = gzipDeterministic(text);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, compressed);
  return [Buffer.byteLength(text), compressed.length];
}

interface Tally {
  files: number;
  events: number;
  rawJsonBytes: number;
  bytes: number;
  quiet: FileSizeHistogram;
  busy: FileSizeHistogram;
}

interface TreeRun {
  outDir: string;
  context: BenchContext;
  fileRng: Rng;
  tally: Tally;
}

/** One 5-minute round: a delivery from every stream, a busy region's with the round's bench-mix events of its stream. */
function writeRound(run: TreeRun, streams: readonly DeliveryStream[], roundStart: number): void {
  const { tally } = run;
  const busyEvents = busyRound(run.context, roundStart);
  for (const stream of streams) {
    const isBusy = BUSY_REGIONS.has(stream.region);
    const events = isBusy ? (busyEvents.get(streamKey(stream)) ?? []) : quietDelivery(run.context, stream, roundStart);
    busyEvents.delete(streamKey(stream));
    const [raw, gzipped] = writeDelivery(run.outDir, run.fileRng, stream, roundStart + DELIVERY_MINUTES * MINUTE, events);
    histogramAdd(isBusy ? tally.busy : tally.quiet, events.length);
    tally.files++;
    tally.events += events.length;
    tally.rawJsonBytes += raw;
    tally.bytes += gzipped;
  }
  // Every event belongs to a stream written this round: nothing generated goes unwritten.
  if (busyEvents.size > 0) throw new Error(`events outside the tree's streams: ${[...busyEvents.keys()].join(', ')}`);
}

const emptyHistogram = (): FileSizeHistogram => ({ empty: 0, upTo10: 0, upTo99: 0, hundredsOrMore: 0, largest: 0 });

export function generateS3ShapeTree(options: S3ShapeTreeOptions) {
  const started = performance.now();
  const root = new Rng(options.seed);
  const world = buildBenchWorld(root.fork('world'));
  const probes = new BenchProbes(world);
  const context: BenchContext = { rng: root.fork('s3-shape-events'), world, probes, errorRate: 0.025 };
  const tally: Tally = { files: 0, events: 0, rawJsonBytes: 0, bytes: 0, quiet: emptyHistogram(), busy: emptyHistogram() };
  const run: TreeRun = { outDir: resolve(options.outDir), context, fileRng: root.fork('s3-shape-files'), tally };
  const streams = s3ShapeStreams();
  const rounds = Math.ceil(options.files / streams.length);
  const start = options.start ?? Date.UTC(2026, 10, 20);
  for (let round = 0; round < rounds; round++) writeRound(run, streams, start + round * DELIVERY_MINUTES * MINUTE);
  const { quiet, busy, ...totals } = tally;
  return {
    generator: 'src/gen/s3-shape-tree.ts',
    shape: 's3' as const,
    requestedFiles: options.files,
    seed: options.seed,
    ...totals,
    elapsedMs: Math.round(performance.now() - started),
    window: { from: isoSeconds(start), to: isoSeconds(start + rounds * DELIVERY_MINUTES * MINUTE) },
    layout: { accounts: [...BENCH_ACCOUNTS], regions: [...COMMERCIAL_REGIONS], busyRegions: [...BENCH_REGIONS], deliveryMinutes: DELIVERY_MINUTES, rounds },
    eventsPerFile: { quiet, busy },
    probes: summarizeProbes([probes.snapshot()]),
  };
}

export type S3ShapeManifest = ReturnType<typeof generateS3ShapeTree>;
