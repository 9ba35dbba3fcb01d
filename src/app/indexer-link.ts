import type { Indexer, IndexerBatch, IndexerEvent } from '../indexer/types.js';
import type { StatusSlice } from './state.js';
import { refreshKeptCount } from './refresh.js';
import { patch } from './store.js';
import type { Workbench } from './workbench.js';

const MAX_PROBLEMS = 200;
/** With no batch for this long after the scan, the rate reads 0 (the indexer reports none while idle). */
const IDLE_MS = 3000;
/** Weight of a new estimate in the smoothed ETA: one report cannot make it jump from 1,900 s to 41. */
const ETA_WEIGHT = 0.25;

interface LinkState {
  etaAt: number;
  /** When the last batch was committed: the indexer's rate trails it by seconds. */
  batchAt: number;
  idle: NodeJS.Timeout | null;
  /** The files of the arrivals being told (a large file commits in several batches). */
  arrivalFiles: Set<string>;
}

const links = new WeakMap<Workbench, LinkState>();

function linkState(workbench: Workbench): LinkState {
  let state = links.get(workbench);
  if (!state) links.set(workbench, (state = { etaAt: 0, batchAt: 0, idle: null, arrivalFiles: new Set() }));
  return state;
}

/** Seconds left of the first scan by files done so far, blended with the last estimate counted down. */
export function smoothedEta(status: Pick<StatusSlice, 'etaSeconds' | 'startedAt'>, filesDone: number, filesSeen: number, now: number, lastAt: number): number | null {
  const fraction = filesSeen === 0 ? 0 : Math.min(1, filesDone / filesSeen);
  if (fraction <= 0 || fraction >= 1) return fraction >= 1 ? 0 : status.etaSeconds;
  const elapsed = Math.max(0.001, (now - status.startedAt) / 1000);
  const estimate = (elapsed / fraction) * (1 - fraction);
  if (status.etaSeconds === null) return estimate;
  const countedDown = Math.max(0, status.etaSeconds - (now - lastAt) / 1000);
  return countedDown * (1 - ETA_WEIGHT) + estimate * ETA_WEIGHT;
}

/**
 * After the first scan, what each file brought, summed over a burst (batches less than IDLE_MS apart):
 * a file of duplicates only adds no event, and without this the status line would not change at all.
 */
function noteArrival(workbench: Workbench, batch: IndexerBatch): void {
  const status = workbench.store.getState().status;
  if (!status.initialScanDone) return;
  const state = linkState(workbench);
  const previous = Date.now() - state.batchAt <= IDLE_MS ? status.arrivals : null;
  if (!previous) state.arrivalFiles.clear();
  state.arrivalFiles.add(batch.file);
  patch(workbench.store, 'status', {
    arrivals: {
      files: state.arrivalFiles.size,
      added: (previous?.added ?? 0) + batch.added,
      duplicates: (previous?.duplicates ?? 0) + batch.duplicates,
      rejected: (previous?.rejected ?? 0) + batch.rejected,
    },
  });
}

/** A batch was committed: once batches stop after the scan, the rate drops to 0 and indexing ends. */
function noteBatch(workbench: Workbench): void {
  const state = linkState(workbench);
  state.batchAt = Date.now();
  if (state.idle) clearTimeout(state.idle);
  state.idle = setTimeout(() => {
    state.idle = null;
    if (workbench.store.getState().status.initialScanDone) patch(workbench.store, 'status', { rate: 0, indexing: false });
  }, IDLE_MS);
  state.idle.unref();
}

/**
 * Events a query can find: the read connection's count. The indexer's own count includes the
 * transaction it has open, which readers do not see yet (the status line said 803 events over an
 * empty list); before the index can be read, it is all there is.
 */
function committedEvents(workbench: Workbench, indexerCount: number): number {
  return workbench.ctx.data?.totalEvents() ?? indexerCount;
}

function applyProgress(workbench: Workbench, event: Extract<IndexerEvent, { type: 'progress' }>): void {
  const store = workbench.store;
  const status = store.getState().status;
  workbench.connect();
  const state = linkState(workbench);
  const now = Date.now();
  const etaSeconds = smoothedEta(status, event.filesDone, event.filesSeen, now, state.etaAt || now);
  state.etaAt = now;
  // After the scan, reports keep the trailing rate of batches long gone: with none for a while, it is 0.
  const rate = event.initialScanDone && now - state.batchAt > IDLE_MS ? 0 : event.rate;
  patch(store, 'status', {
    filesSeen: event.filesSeen, filesDone: event.filesDone, deliveredSince: event.deliveredSince, filesFailing: event.filesFailing,
    totalEvents: committedEvents(workbench, event.totalEvents), rate, etaSeconds,
    rejected: event.rejected, initialScanDone: event.initialScanDone, indexing: !event.initialScanDone || rate > 0,
  });
  // Read right after the total above, from the same connection: the tab agrees with the status line.
  refreshKeptCount(workbench.ctx);
  // The scan's end is worth a refresh even if no batch came (an all-duplicate or empty tree).
  if (event.initialScanDone && !status.initialScanDone) workbench.notifyDataChanged();
}

/** Applies one indexer message: progress to the status line, batches to the views, problems to the list. */
export function applyIndexerEvent(workbench: Workbench, event: IndexerEvent): void {
  const store = workbench.store;
  switch (event.type) {
    case 'progress':
      return applyProgress(workbench, event);
    case 'batch':
      patch(store, 'status', { totalEvents: committedEvents(workbench, event.totalEvents) });
      // New events after the scan: the hits are not current again until the indexer's next pass.
      if (event.added > 0 && store.getState().status.detections === 'current') patch(store, 'status', { detections: 'checking' });
      noteArrival(workbench, event);
      noteBatch(workbench);
      workbench.notifyDataChanged();
      return;
    case 'detections':
      // A failed pass leaves the earlier passes' hits: not current, and nothing more is coming.
      patch(store, 'status', { detections: event.failed ? 'unknown' : event.pending ? 'checking' : 'current' });
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
