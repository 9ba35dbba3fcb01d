import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child.js';
import type { IngestInput, IngestRun } from './ingest-child.js';
import type { ReadRateRun } from './read-rate.js';
import type { IngestResults, Skipped } from './results.js';
import { median, medianRun } from './stats.js';
import { formatRate, formatSeconds } from './format.js';

export interface IngestOutcome {
  results: IngestResults | Skipped;
  /** The index the rest of the benchmark reads: the last cold ingest's, or a copy of --index. */
  db: string;
}

function removeIndex(db: string): void {
  for (const suffix of ['', '-wal', '-shm', '.lock']) rmSync(`${db}${suffix}`, { force: true });
}

/** A copy of an existing index, so that the detection pass and the live tail never write to the original. */
function copyIndex(source: string, scratch: string): string {
  const db = join(scratch, 'index.db');
  copyFileSync(source, db);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${db}-wal`);
  return db;
}

/** Two cold ingests that differ by more than this get a third, whose median is then reported. */
export const INGEST_SPREAD_FOR_THIRD_RUN = 0.1;

/**
 * How many cold ingests to run: at most two, plus a third when the two disagree. A 1M ingest takes two
 * minutes here, so three of them would put the benchmark past its ten minutes; when two agree, a third
 * would not move the median much.
 */
export function ingestRunsWanted(runs: number, seconds: readonly number[]): number {
  if (runs < 3 || seconds.length < 2) return Math.min(runs, 2);
  const [a, b] = seconds as [number, number];
  return Math.abs(a - b) / Math.min(a, b) > INGEST_SPREAD_FOR_THIRD_RUN ? 3 : 2;
}

/**
 * Cold ingests, each in a fresh process into an empty index, alternating with the
 * read+gunzip+parse floor so that both see the same machine load.
 */
export async function runIngest(dir: string, scratch: string, runs: number, existingIndex: string | null, log: (line: string) => void): Promise<IngestOutcome> {
  if (existingIndex) return { results: { skipped: `not measured: an existing index was used (--index ${existingIndex})` }, db: copyIndex(existingIndex, scratch) };
  const ingestRuns: IngestRun[] = [];
  const readRuns: ReadRateRun[] = [];
  let db = '';
  for (let run = 0; run < ingestRunsWanted(runs, ingestRuns.map((done) => done.seconds)); run++) {
    if (db) removeIndex(db);
    db = join(scratch, `ingest-${run + 1}.db`);
    const ingest = await runChild<IngestRun>('ingest', { dir, db } satisfies IngestInput);
    ingestRuns.push(ingest.result);
    log(`  cold ingest ${run + 1}: ${formatSeconds(ingest.result.seconds)}, ${formatRate(ingest.result.eventsPerSecond)}`);
    const read = await runChild<ReadRateRun>('read-rate', { dir });
    readRuns.push(read.result);
    log(`  read+gunzip+parse ${run + 1}: ${formatRate(read.result.eventsPerSecond)}`);
  }
  return {
    results: {
      runs: ingestRuns,
      median: medianRun(ingestRuns, (run) => run.seconds),
      readRate: { runs: readRuns, medianEventsPerSecond: Math.round(median(readRuns.map((run) => run.eventsPerSecond))) },
    },
    db,
  };
}
