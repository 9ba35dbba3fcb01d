import { createStore } from 'zustand/vanilla';
import { PANE_DEFINITIONS } from './panes/pane-registry.js';
import type { PaneSlices, WorkbenchState } from './state.js';
import type { WorkbenchStore } from './store.js';

export interface StoreOptions {
  dir: string | null;
  dbPath: string;
  columns?: number;
  rows?: number;
  history?: string[];
  now?: number;
}

/** A fresh workbench state: each pane's initial slice (from its definition) plus the frame, the filter and the status. */
export function createWorkbenchStore(options: StoreOptions): WorkbenchStore {
  const panes = Object.fromEntries(PANE_DEFINITIONS.map((pane) => [pane.id, pane.initial()])) as unknown as PaneSlices;
  return createStore<WorkbenchState>()(() => ({
    ...panes,
    ui: {
      pane: 'events', companion: 'facets', mode: 'normal', columns: options.columns ?? 80, rows: options.rows ?? 24,
      message: null, quitting: false, overlayTop: 0, values: [], back: [],
    },
    filter: {
      crumbs: [{ text: '', label: 'all events', kind: 'replace' }],
      draft: { text: '', cursor: 0, historyIndex: -1, completions: [], completionIndex: -1, errors: [] },
      history: options.history ?? [], errorsOnly: false, hideService: false, effective: '', errors: [], note: null,
    },
    status: {
      dir: options.dir, dbPath: options.dbPath, totalEvents: 0, rate: 0, etaSeconds: null, filesSeen: 0, filesDone: 0, deliveredSince: null, filesFailing: 0,
      initialScanDone: false, indexing: false, startedAt: options.now ?? Date.now(), rejected: 0, rejectedList: [],
      problems: [], matches: null, matchesCapped: false, notice: null, arrivals: null, detections: 'unknown',
    },
  }));
}
