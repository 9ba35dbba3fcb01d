import { existsSync, statSync } from 'node:fs';
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
}

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/**
 * A cold ingest as the workbench does it: a fresh index, the indexer on a worker
 * thread, watching the folder; done when the first scan has been read to the end.
 */
export async function coldIngest(input: IngestInput): Promise<IngestRun> {
  const indexer = createIndexer({ dir: input.dir, db: input.db, watch: true, mode: 'worker' });
  let problems = 0;
  const started = performance.now();
  const finished = new Promise<IndexerProgress>((resolve) => {
    indexer.onEvent((event) => {
      if (event.type === 'problem') problems++;
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
  };
}
