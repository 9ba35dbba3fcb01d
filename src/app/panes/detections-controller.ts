import type { CommandContext } from '../command-context.js';
import { pushCrumb } from '../filter-actions.js';
import { frameLayout } from '../layout.js';
import { patch } from '../store.js';
import { moveInList, type PaneController } from './pane-controller.js';

/** Rows of hits: the pane's rows less its title, the table header and the reason line. */
function viewport(ctx: CommandContext): number {
  const { columns, rows } = ctx.store.getState().ui;
  return Math.max(1, frameLayout(columns, rows).bodyRows - 3);
}

/** Reloads the hits (most severe, then newest first), keeping the selection on the same hit when it is still there. */
export function loadHits(ctx: CommandContext): void {
  if (!ctx.data) return;
  const detections = ctx.store.getState().detections;
  const selectedId = detections.hits[detections.selected]?.id;
  const hits = ctx.data.detectionHits();
  const found = hits.findIndex((hit) => hit.id === selectedId);
  const selected = found >= 0 ? found : Math.min(detections.selected, Math.max(0, hits.length - 1));
  patch(ctx.store, 'detections', { hits, loaded: true, ...moveInList(selected, detections.top, 0, hits.length, viewport(ctx)) });
}

function move(ctx: CommandContext, delta: number): void {
  const detections = ctx.store.getState().detections;
  patch(ctx.store, 'detections', moveInList(detections.selected, detections.top, delta, detections.hits.length, viewport(ctx)));
}

/** Enter: the events pane shows exactly the hit's events (`hit:ID`), as a breadcrumb step Esc walks back. */
function activate(ctx: CommandContext): void {
  const { hits, selected } = ctx.store.getState().detections;
  const hit = hits[selected];
  if (!hit) {
    patch(ctx.store, 'ui', { message: 'no detection hit selected' });
    return;
  }
  if (pushCrumb(ctx, `hit:${hit.id}`, `hit ${hit.rule} (${hit.severity})`)) patch(ctx.store, 'ui', { pane: 'events' });
}

export const detectionsPane: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate,
  focus: loadHits,
  commands: {
    'detections.open': (ctx) => {
      patch(ctx.store, 'ui', { pane: 'detections', companion: 'detections' });
      loadHits(ctx);
    },
  },
};
