import type { IndexerEvent } from './types.js';

/** What the main thread tells the indexer worker (its options come as workerData). */
export type ToWorker = { type: 'stop' };

/** What the worker tells the main thread. */
export type FromWorker =
  | { type: 'started' }
  | { type: 'failed'; message: string }
  | { type: 'event'; event: IndexerEvent }
  | { type: 'stopped' };
