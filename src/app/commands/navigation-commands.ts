import type { CommandContext, CommandTable } from '../command-context.js';
import { popCrumb } from '../filter-actions.js';
import { eventViewport } from '../panes/events-controller.js';
import { PANE_ORDER, PANES } from '../panes/pane-registry.js';
import { KEYMAP } from '../keymap.js';
import type { PaneId, WorkbenchState } from '../state.js';
import { patch } from '../store.js';

function focusedController(ctx: CommandContext) {
  return PANES[ctx.store.getState().ui.pane];
}

/** Focuses a pane, unless it says why it cannot be (the reason shows in the status line). */
export function focusPane(ctx: CommandContext, pane: PaneId): void {
  const controller = PANES[pane];
  const reason = controller.unavailable?.(ctx) ?? null;
  if (reason) {
    patch(ctx.store, 'ui', { message: `${pane}: ${reason}` });
    return;
  }
  const companion = pane === 'facets' || pane === 'detail' || pane === 'detections' || pane === 'findings' || pane === 'chain' ? pane : ctx.store.getState().ui.companion;
  patch(ctx.store, 'ui', { pane, companion });
  controller.focus?.(ctx);
}

function cycle(ctx: CommandContext, step: number): void {
  const order = PANE_ORDER;
  let index = order.indexOf(ctx.store.getState().ui.pane);
  // Skip panes that have nothing to show yet, so Tab never lands on an empty one.
  for (let tries = 0; tries < order.length; tries++) {
    index = (index + step + order.length) % order.length;
    const pane = order[index]!;
    if (!PANES[pane].unavailable?.(ctx)) return focusPane(ctx, pane);
  }
}

/** How far an overlay can scroll: one line per binding or per rejected record. */
function overlayLength(state: WorkbenchState): number {
  if (state.ui.mode === 'help') return KEYMAP.length;
  return state.status.rejectedList.length + state.status.problems.length;
}

/** Esc: leave the detail (or any non-list pane) first, then walk the breadcrumb back. */
function back(ctx: CommandContext): void {
  const pane = ctx.store.getState().ui.pane;
  if (pane !== 'events') {
    patch(ctx.store, 'ui', { pane: 'events' });
    return;
  }
  if (!popCrumb(ctx)) patch(ctx.store, 'ui', { message: 'at the start of the breadcrumb (q quits)' });
}

export const navigationCommands: CommandTable = {
  'cursor.down': (ctx) => focusedController(ctx).move(ctx, 1),
  'cursor.up': (ctx) => focusedController(ctx).move(ctx, -1),
  'cursor.pageDown': (ctx) => focusedController(ctx).move(ctx, eventViewport(ctx)),
  'cursor.pageUp': (ctx) => focusedController(ctx).move(ctx, -eventViewport(ctx)),
  'cursor.top': (ctx) => focusedController(ctx).toStart(ctx),
  'cursor.bottom': (ctx) => focusedController(ctx).toEnd(ctx),
  'item.open': (ctx) => focusedController(ctx).activate(ctx),
  'nav.back': back,
  'pane.next': (ctx) => cycle(ctx, 1),
  'pane.previous': (ctx) => cycle(ctx, -1),
  'pane.events': (ctx) => focusPane(ctx, 'events'),
  'pane.facets': (ctx) => focusPane(ctx, 'facets'),
  'pane.detail': (ctx) => focusPane(ctx, 'detail'),
  'pane.histogram': (ctx) => focusPane(ctx, 'histogram'),
  'help.show': (ctx) => patch(ctx.store, 'ui', { mode: 'help', overlayTop: 0 }),
  'rejected.show': (ctx) => {
    patch(ctx.store, 'status', { rejectedList: ctx.data?.rejected(500) ?? [] });
    patch(ctx.store, 'ui', { mode: 'rejected', overlayTop: 0 });
  },
  'overlay.close': (ctx) => patch(ctx.store, 'ui', { mode: 'normal' }),
  'overlay.down': (ctx) => {
    const state = ctx.store.getState();
    patch(ctx.store, 'ui', { overlayTop: Math.min(overlayLength(state) - 1, state.ui.overlayTop + 1) });
  },
  'overlay.up': (ctx) => patch(ctx.store, 'ui', { overlayTop: Math.max(0, ctx.store.getState().ui.overlayTop - 1) }),
  'app.quit': (ctx) => patch(ctx.store, 'ui', { quitting: true }),
};
