import { InProcessIndexer } from './in-process-indexer.js';
import type { Indexer, IndexerOptions } from './types.js';
import { WorkerIndexer } from './worker-indexer.js';

/**
 * The indexer for a log folder and an index: on a worker thread for the workbench, on
 * the caller's thread for tests and headless runs. Both behave the same; call
 * `start()`, listen with `onEvent`, and `stop()` before exiting.
 */
export function createIndexer(options: IndexerOptions): Indexer {
  return options.mode === 'worker' ? new WorkerIndexer(options) : new InProcessIndexer(options);
}
