import { existsSync, statSync } from 'node:fs';
import { deliveryTime } from '../core/index/delivery-order.js';
import { openIndex } from '../core/index/open.js';
import { walkTree } from '../core/index/walk.js';
import { compileFilter } from '../core/query/filter-compile.js';
import { iterateEvents } from '../core/query/query-events.js';
import { createIndexer } from '../indexer/create-indexer.js';
import type { IndexerProgress } from '../indexer/types.js';
import { peakRssBytes } from './child.js';

export interface IngestInput {
  dir: string;
  db: string;
}

export interface IngestRun {
  seconds: number;
  events: number;
  files: number;
  eventsPerSecond: number;
  /** Index file plus its write-ahead log, after the indexer closed it. */
  dbBytes: number;
  /** Peak RSS of the process (worker included) until it exited, and when the scan ended (before stop: detections run after a scan). */
  peakRssBytes: number;
  /** Absent from results written before it was measured. */
  peakRssAtScanEndBytes?: number;
  problems: number;
  /** Absent from results written before it was measured, and for trees without S3 delivery times. */
  newestHour?: NewestHourAnswer;
}

/**
 * The question of the alert's hour, asked as soon as the scan (newest deliveries first) says every
 * file delivered since the newest hour began is indexed: the events since then, counted from the index.
 */
export interface NewestHourAnswer {
  /** Start of the hour before the newest delivery. */
  since: string;
  /** From the indexer's start until its progress said the hour is covered. */
  coveredAfterMs: number;
  /** From the start until the count was read (covered, then counted on a reader's connection). */
  answeredAfterMs: number;
  events: number;
}

const HOUR_MS = 3_600_000;

/** The hour before the newest delivery in the tree (null when no file name carries a delivery time). */
async function newestHourOf(dir: string): Promise<number | null> {
  const times = (await walkTree(dir)).files.map(deliveryTime).filter((time): time is number => time !== null);
  return times.length === 0 ? null : Math.max(...times) - HOUR_MS;
}

/** Counts the events since `since` as the workbench would show them: a filter on a read-only connection. */
function countSince(db: string, since: number): number {
  const index = openIndex(db, { readonly: true });
  try {
    let events = 0;
    for (const _row of iterateEvents(index, compileFilter(index, `since:${new Date(since).toISOString()}`))) events++;
    return events;
  } finally {
    index.close();
  }
}

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/**
 * A cold ingest as the workbench does it: a fresh index, the indexer on a worker
 * thread, watching the folder; done when the first scan has been read to the end.
 */
export async function coldIngest(input: IngestInput): Promise<IngestRun> {
  const hourStart = await newestHourOf(input.dir);
  const indexer = createIndexer({ dir: input.dir, db: input.db, watch: true, mode: 'worker' });
  let problems = 0;
  let newestHour: NewestHourAnswer | undefined;
  const started = performance.now();
  const finished = new Promise<IndexerProgress>((resolve) => {
    indexer.onEvent((event) => {
      if (event.type === 'problem') problems++;
      // Covered once every file delivered since the hour began is in, or (a tree younger than an hour) the whole scan is.
      if (event.type === 'progress' && hourStart !== null && !newestHour && ((event.deliveredSince !== null
        && Date.parse(event.deliveredSince) <= hourStart) || (event.initialScanDone && event.filesDone === event.filesSeen))) {
        const coveredAfterMs = performance.now() - started;
        const events = countSince(input.db, hourStart);
        newestHour = { since: new Date(hourStart).toISOString(), coveredAfterMs: Math.round(coveredAfterMs),
          answeredAfterMs: Math.round(performance.now() - started), events };
      }
      if (event.type === 'progress' && event.initialScanDone && event.filesDone === event.filesSeen) resolve(event);
    });
  });
  await indexer.start();
  const last = await finished;
  const seconds = (performance.now() - started) / 1000;
  const peakRssAtScanEndBytes = peakRssBytes();
  await indexer.stop();
  return {
    seconds: Math.round(seconds * 100) / 100,
    events: last.totalEvents,
    files: last.filesSeen,
    eventsPerSecond: Math.round(last.totalEvents / seconds),
    dbBytes: fileBytes(input.db) + fileBytes(`${input.db}-wal`),
    peakRssBytes: peakRssBytes(),
    peakRssAtScanEndBytes,
    problems,
    newestHour,
  };
}
