import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../indexer/worker-script.js';
import { BENCH_ACCOUNTS, BENCH_REGIONS } from './bench-world.js';
import { summarizeProbes } from './bench-probes.js';
import { BENCH_ORG_ID, generateBenchChunk, type ChunkResult, type ChunkTask } from './bench-chunk.js';
import { isoSeconds } from './time-format.js';

/**
 * A large deterministic S3-layout tree for the benchmark: ~550 events per Records file,
 * ~60% KMS, Zipf-hot keys, principals and instances, ~2% errors. The events are cut into
 * fixed chunks generated (and gzipped) by worker threads; the chunking, not the number
 * of workers, decides the bytes, so the tree is the same on any machine.
 */
export interface BenchTreeOptions {
  events: number;
  outDir: string;
  seed: number;
  eventsPerFile?: number;
  /** Events per chunk; each chunk ends with one short file per account/region. */
  chunkEvents?: number;
  /** Worker threads; 0 generates in this thread. Defaults to the available cores. */
  workers?: number;
  start?: number;
}

function planChunks(options: BenchTreeOptions): ChunkTask[] {
  const chunkEvents = options.chunkEvents ?? 125_000;
  const tasks: ChunkTask[] = [];
  for (let firstEvent = 0, chunkIndex = 0; firstEvent < options.events; firstEvent += chunkEvents, chunkIndex++) {
    tasks.push({
      seed: options.seed,
      chunkIndex,
      firstEvent,
      count: Math.min(chunkEvents, options.events - firstEvent),
      outDir: resolve(options.outDir),
      start: options.start ?? Date.UTC(2026, 10, 1),
      eventsPerFile: options.eventsPerFile ?? 550,
      errorRate: 0.025,
    });
  }
  return tasks;
}

const chunkWorker = () => workerScript(import.meta.url, './bench-chunk-worker.js', './bench-chunk-worker.ts');

/** From dist/ the worker is a bundle of its own, which a partial copy may lack (then the tree is written on this thread). */
function workerEntryExists(): boolean {
  const script = chunkWorker();
  return script.eval || existsSync(script.url);
}

function startWorker(): Worker {
  const script = chunkWorker();
  return new Worker(script.eval ? script.code : script.url, { eval: script.eval });
}

/** Hands chunks to workers as they free up; results come back in any order. */
async function runInWorkers(tasks: ChunkTask[], workerCount: number): Promise<ChunkResult[]> {
  const queue = [...tasks];
  const results: ChunkResult[] = [];
  const runOne = (worker: Worker): Promise<void> =>
    new Promise((resolveAll, reject) => {
      const next = (): void => {
        const task = queue.shift();
        if (!task) return resolveAll();
        worker.postMessage(task);
      };
      worker.on('message', (message: { result?: ChunkResult; error?: string }) => {
        if (message.error || !message.result) return reject(new Error(`bench chunk failed: ${message.error}`));
        results.push(message.result);
        next();
      });
      worker.on('error', reject);
      next();
    });
  const workers = Array.from({ length: workerCount }, startWorker);
  try {
    await Promise.all(workers.map(runOne));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

export async function generateBenchTree(options: BenchTreeOptions) {
  const started = performance.now();
  const tasks = planChunks(options);
  // One chunk is not worth a thread's start-up; 0 means run here (also when a bundle left the worker entry out).
  const workerCount = tasks.length > 1 && workerEntryExists() ? Math.min(options.workers ?? availableParallelism(), tasks.length) : 0;
  const results = workerCount > 0 ? await runInWorkers(tasks, workerCount) : tasks.map((task) => generateBenchChunk(task));
  const total = (pick: (result: ChunkResult) => number): number => results.reduce((sum, result) => sum + pick(result), 0);
  const elapsedMs = Math.round(performance.now() - started);
  return {
    generator: 'src/gen/bench-tree.ts',
    seed: options.seed,
    events: options.events,
    files: total((result) => result.files),
    bytes: total((result) => result.gzippedBytes),
    rawJsonBytes: total((result) => result.rawBytes),
    elapsedMs,
    eventsPerSecond: Math.round(options.events / (elapsedMs / 1000)),
    workers: workerCount,
    window: { from: isoSeconds(tasks[0]!.start), to: isoSeconds(Math.max(...results.map((result) => result.lastTime))) },
    layout: { accounts: [...BENCH_ACCOUNTS], regions: [...BENCH_REGIONS], organizationId: BENCH_ORG_ID, accountTrail: BENCH_ACCOUNTS[0] },
    counts: { kmsEvents: total((result) => result.kmsEvents), errorEvents: total((result) => result.errorEvents) },
    probes: summarizeProbes(results.sort((left, right) => left.chunkIndex - right.chunkIndex).map((result) => result.probes)),
  };
}

/** True when `child` is `parent` or below it: the CLI refuses to write bench data into the repo. */
export function isInsideDirectory(parent: string, child: string): boolean {
  const path = relative(resolve(parent), resolve(child));
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

export type BenchManifest = Awaited<ReturnType<typeof generateBenchTree>>;
