import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EntityKind } from '../core/normalize/types.js';
import type { WorkbenchState } from './state.js';

export type WorkbenchStore = StoreApi<WorkbenchState>;

/** The facet kinds, in the order of the facets pane's tabs. */
export const FACET_KINDS: readonly EntityKind[] = ['key', 'principal', 'instance', 'ip', 'event', 'error', 'role', 'ctx'];

export interface StoreOptions {
  dir: string | null;
  dbPath: string;
  columns?: number;
  rows?: number;
  history?: string[];
  now?: number;
}

/** A fresh workbench state: one slice per pane plus the filter, the status and the frame. */
export function createWorkbenchStore(options: StoreOptions): WorkbenchStore {
  return createStore<WorkbenchState>()(() => ({
    ui: {
      pane: 'events', companion: 'facets', mode: 'normal', columns: options.columns ?? 80, rows: options.rows ?? 24,
      message: null, quitting: false, overlayTop: 0,
    },
    events: { rows: [], top: 0, selected: 0, follow: true, atOldest: false, atNewest: true, loaded: false },
    filter: {
      crumbs: [{ text: '', label: 'all events' }],
      draft: { text: '', cursor: 0, historyIndex: -1, completions: [], completionIndex: -1, errors: [] },
      history: options.history ?? [], errorsOnly: false, hideService: false, effective: '', errors: [],
    },
    facets: { kinds: [...FACET_KINDS], kindIndex: 0, selected: 0, top: 0, values: {}, progress: {} },
    detail: { seq: null, lines: [], selected: 0, top: 0, left: 0 },
    histogram: { start: 0, width: 0, counts: [], errors: [], selected: -1, ready: false },
    detections: { hits: [], selected: 0, top: 0, loaded: false },
    findings: { list: [], selected: 0, top: 0, prompt: null, confirmRemove: null },
    chain: { seq: null, chain: null, steps: [], selected: 0, top: 0 },
    status: {
      dir: options.dir, dbPath: options.dbPath, totalEvents: 0, rate: 0, filesSeen: 0, filesDone: 0,
      initialScanDone: false, indexing: false, startedAt: options.now ?? Date.now(), rejected: 0, rejectedList: [],
      problems: [], matches: null, matchesCapped: false, notice: null,
    },
  }));
}

/** Replaces part of one slice: commands use this, so every update names the slice it touches. */
export function patch<K extends keyof WorkbenchState>(store: WorkbenchStore, slice: K, changes: Partial<WorkbenchState[K]>): void {
  store.setState((state) => ({ [slice]: { ...state[slice], ...changes } }) as Pick<WorkbenchState, K>);
}
