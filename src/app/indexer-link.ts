import type { Indexer, IndexerEvent } from '../indexer/types.js';
import type { StatusSlice } from './state.js';
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
}

const links = new WeakMap<Workbench, LinkState>();

function linkState(workbench: Workbench): LinkState {
  let state = links.get(workbench);
  if (!state) links.set(workbench, (state = { etaAt: 0, batchAt: 0, idle: null }));
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

function applyProgress(workbench: Workbench, event: Extract<IndexerEvent, { type: 'progress' }>): void {
  const store = workbench.store;
  const status = store.getState().status;
  const state = linkState(workbench);
  const now = Date.now();
  const etaSeconds = smoothedEta(status, event.filesDone, event.filesSeen, now, state.etaAt || now);
  state.etaAt = now;
  // After the scan, reports keep the trailing rate of batches long gone: with none for a while, it is 0.
  const rate = event.initialScanDone && now - state.batchAt > IDLE_MS ? 0 : event.rate;
  patch(store, 'status', {
    filesSeen: event.filesSeen, filesDone: event.filesDone, deliveredSince: event.deliveredSince, filesFailing: event.filesFailing,
    totalEvents: event.totalEvents, rate, etaSeconds,
    rejected: event.rejected, initialScanDone: event.initialScanDone, indexing: !event.initialScanDone || rate > 0,
  });
  // The scan's end is worth a refresh even if no batch came (an all-duplicate or empty tree).
  if (event.initialScanDone && !status.initialScanDone) workbench.notifyDataChanged();
  else workbench.connect();
}

/** Applies one indexer message: progress to the status line, batches to the views, problems to the list. */
export function applyIndexerEvent(workbench: Workbench, event: IndexerEvent): void {
  const store = workbench.store;
  switch (event.type) {
    case 'progress':
      return applyProgress(workbench, event);
    case 'batch':
      patch(store, 'status', { totalEvents: event.totalEvents });
      noteBatch(workbench);
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
