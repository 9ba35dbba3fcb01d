import type { Crumb, EventAnchor, PaneId, WorkbenchState } from './state.js';
import { patch, type WorkbenchStore } from './store.js';

/** Where the responder left an index, as lnav does: the breadcrumb, the toggles, the pane and the selections. */
export interface SavedSession {
  crumbs: Crumb[];
  errorsOnly: boolean;
  hideService: boolean;
  pane: PaneId;
  companion: PaneId;
  /** The selected event (the events list opens around it unless it was following). */
  anchor: EventAnchor | null;
  facetsKind: number;
  detections: { selected: number; top: number };
  findingsSelected: number;
}

/** Panes that can be reopened from a saved session alone (the chain is rebuilt with c). */
const REOPENED: ReadonlySet<PaneId> = new Set(['events', 'facets', 'detail', 'histogram', 'detections', 'findings']);

export function sessionOf(state: WorkbenchState): SavedSession {
  const row = state.events.rows[state.events.selected];
  return {
    crumbs: state.filter.crumbs.map(({ text, label, kind }) => ({ text, label, kind })),
    errorsOnly: state.filter.errorsOnly,
    hideService: state.filter.hideService,
    pane: state.ui.pane,
    companion: state.ui.companion,
    anchor: row ? { time: row.time, seq: row.seq, follow: state.events.follow } : null,
    facetsKind: state.facets.kindIndex,
    detections: { selected: state.detections.selected, top: state.detections.top },
    findingsSelected: state.findings.selected,
  };
}

/** Puts a saved session into a fresh store before the index is opened; what does not fit this build is left out. */
export function applySession(store: WorkbenchStore, saved: SavedSession): void {
  const state = store.getState();
  if (!Array.isArray(saved.crumbs) || saved.crumbs.length === 0) return;
  const crumbs = saved.crumbs.filter((crumb) => typeof crumb?.text === 'string' && typeof crumb.label === 'string');
  const last = crumbs.length - 1;
  patch(store, 'filter', {
    crumbs: crumbs.map((crumb, index) => ({ text: crumb.text, label: crumb.label, kind: crumb.kind === 'narrow' ? 'narrow' : 'replace', ...(index === last ? { anchor: saved.anchor } : {}) })),
    errorsOnly: saved.errorsOnly === true,
    hideService: saved.hideService === true,
  });
  const pane = REOPENED.has(saved.pane) ? saved.pane : 'events';
  const companion = REOPENED.has(saved.companion) ? saved.companion : state.ui.companion;
  patch(store, 'ui', { pane, companion });
  if (Number.isInteger(saved.facetsKind)) patch(store, 'facets', { kindIndex: Math.max(0, Math.min(state.facets.kinds.length - 1, saved.facetsKind)) });
  if (saved.detections) patch(store, 'detections', { selected: Math.max(0, saved.detections.selected | 0), top: Math.max(0, saved.detections.top | 0) });
  if (Number.isInteger(saved.findingsSelected)) patch(store, 'findings', { selected: Math.max(0, saved.findingsSelected) });
}
