import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openIndex } from '../core/index/open.js';
import { countMatches } from '../core/query/facets.js';
import { compileFilter } from '../core/query/filter-compile.js';
import { createIndexer } from '../indexer/create-indexer.js';
import type { Indexer } from '../indexer/types.js';
import { summarize, type LatencySummary } from './stats.js';

export interface LiveTailInput {
  /** The index to add to (the benchmark's own 1M-event index: the tail is timed at full size). */
  db: string;
  /** An empty folder the new delivery files are written into. */
  liveDir: string;
  /** A delivery file of the tree whose records are copied (with new ids and times). */
  templateFile: string;
  files: number;
  eventsPerFile: number;
  /** Time between files: each is timed alone, not as part of a burst. */
  gapMs: number;
}

export interface LiveTailResult {
  files: number;
  eventsPerFile: number;
  latency: LatencySummary;
  /** Files whose events never became queryable within the wait. */
  missed: number;
}

const GIVE_UP_MS = 10_000;
const POLL_MS = 2;

/** A new S3 delivery file: the template's records with fresh event and request ids, stamped now. */
function deliveryFile(templates: Array<Record<string, unknown>>, count: number, index: number): { path: string; body: Buffer; requestId: string } {
  const now = new Date();
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 13);
  const records = templates.slice(0, count).map((record) => ({ ...record, eventID: randomUUID(), requestID: randomUUID(), eventTime: `${now.toISOString().slice(0, 19)}Z` }));
  const path = join('AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', ...now.toISOString().slice(0, 10).split('-'),
    `111122223333_CloudTrail_us-east-1_${stamp}Z_live${String(index).padStart(4, '0')}.json.gz`);
  return { path, body: gzipSync(JSON.stringify({ Records: records })), requestId: records.at(-1)!.requestID };
}

async function startIndexer(input: LiveTailInput): Promise<Indexer> {
  const indexer = createIndexer({ dir: input.liveDir, db: input.db, watch: true, mode: 'worker' });
  const scanned = new Promise<void>((resolve) => {
    indexer.onEvent((event) => {
      if (event.type === 'progress' && event.initialScanDone) resolve();
    });
  });
  await indexer.start();
  await scanned;
  return indexer;
}

/**
 * Live tail, as the workbench sees it: the indexer (worker thread, default timings)
 * watches a folder; each new delivery file is written in one write, and the time runs
 * until its last event is found through the filter path on a separate read-only connection.
 */
export async function measureLiveTail(input: LiveTailInput): Promise<LiveTailResult> {
  const templates = (JSON.parse(gunzipSync(readFileSync(input.templateFile)).toString('utf8')) as { Records: Array<Record<string, unknown>> }).Records;
  const indexer = await startIndexer(input);
  const reader = openIndex(input.db, { readonly: true });
  const times: number[] = [];
  let missed = 0;
  try {
    for (let index = 0; index < input.files; index++) {
      const file = deliveryFile(templates, input.eventsPerFile, index);
      mkdirSync(dirname(join(input.liveDir, file.path)), { recursive: true });
      writeFileSync(join(input.liveDir, file.path), file.body);
      const written = performance.now();
      const latency = await waitUntilQueryable(reader, `request:${file.requestId}`, written);
      if (latency === null) missed++;
      else times.push(latency);
      await sleep(input.gapMs);
    }
  } finally {
    reader.close();
    await indexer.stop();
  }
  return { files: input.files, eventsPerFile: input.eventsPerFile, latency: summarize(times), missed };
}

async function waitUntilQueryable(reader: ReturnType<typeof openIndex>, filter: string, since: number): Promise<number | null> {
  while (performance.now() - since < GIVE_UP_MS) {
    if (countMatches(reader, compileFilter(reader, filter), 1) > 0) return performance.now() - since;
    await sleep(POLL_MS);
  }
  return null;
}
