import type { Indexer, IndexerEvent } from '../indexer/types.js';
import { patch } from './store.js';
import type { Workbench } from './workbench.js';

const MAX_PROBLEMS = 200;

/** Applies one indexer message: progress to the status line, batches to the views, problems to the list. */
export function applyIndexerEvent(workbench: Workbench, event: IndexerEvent): void {
  const store = workbench.store;
  switch (event.type) {
    case 'progress': {
      const wasDone = store.getState().status.initialScanDone;
      patch(store, 'status', {
        filesSeen: event.filesSeen, filesDone: event.filesDone, totalEvents: event.totalEvents, rate: event.rate,
        rejected: event.rejected, initialScanDone: event.initialScanDone, indexing: !event.initialScanDone || event.rate > 0,
      });
      // The scan's end is worth a refresh even if no batch came (an all-duplicate or empty tree).
      if (event.initialScanDone && !wasDone) workbench.notifyDataChanged();
      else workbench.connect();
      return;
    }
    case 'batch':
      patch(store, 'status', { totalEvents: event.totalEvents });
      workbench.notifyDataChanged();
      return;
    case 'detections':
      workbench.notifyDataChanged();
      return;
    case 'problem': {
      const problems = [...store.getState().status.problems, { file: event.file, reason: event.reason }].slice(-MAX_PROBLEMS);
      patch(store, 'status', { problems });
    }
  }
}

/** Follows an indexer for the workbench's lifetime; returns the unsubscribe function. */
export function linkIndexer(workbench: Workbench, indexer: Indexer): () => void {
  return indexer.onEvent((event) => applyIndexerEvent(workbench, event));
}
