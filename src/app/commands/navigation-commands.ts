import { takeStep, recordStep } from '../back-steps.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { popCrumbs } from '../filter-actions.js';
import { helpLines } from '../help-lines.js';
import { KEYMAP } from '../keymap.js';
import { frameLayout, viewportRows } from '../layout.js';
import { PANE_DEFINITIONS, PANE_ORDER, PANES } from '../panes/pane-registry.js';
import type { PaneId, WorkbenchState } from '../state.js';
import { patch } from '../store.js';

const focused = (ctx: CommandContext) => PANES[ctx.store.getState().ui.pane];

/** The pane drawn beside the events once `pane` is focused: itself when it opens beside, else the one there now. */
function companionFor(ctx: CommandContext, pane: PaneId): PaneId {
  return PANES[pane].placement === 'beside' ? pane : ctx.store.getState().ui.companion;
}

/** Focuses a pane, unless it says why it cannot be (the reason shows in the status line); a step Esc walks back unless `step` is false. */
export function focusPane(ctx: CommandContext, pane: PaneId, options: { step?: boolean } = {}): void {
  const definition = PANES[pane];
  const reason = definition.controller.unavailable?.(ctx) ?? null;
  if (reason) {
    patch(ctx.store, 'ui', { message: `${definition.title}: ${reason}` });
    return;
  }
  const ui = ctx.store.getState().ui;
  if (options.step !== false && ui.pane !== pane) recordStep(ctx);
  patch(ctx.store, 'ui', { pane, companion: companionFor(ctx, pane) });
  definition.controller.focus?.(ctx);
}

function cycle(ctx: CommandContext, step: number): void {
  let index = PANE_ORDER.indexOf(ctx.store.getState().ui.pane);
  // Skip panes that have nothing to show yet, so Tab never lands on an empty one.
  for (let tries = 0; tries < PANE_ORDER.length; tries++) {
    index = (index + step + PANE_ORDER.length) % PANE_ORDER.length;
    const pane = PANE_ORDER[index]!;
    if (!PANES[pane].controller.unavailable?.(ctx)) return focusPane(ctx, pane);
  }
}

/** Esc: undoes the newest step (a pane change, a breadcrumb step), the cursor where it was. */
function back(ctx: CommandContext): void {
  const step = takeStep(ctx);
  if (step) {
    popCrumbs(ctx, step.crumbs);
    patch(ctx.store, 'ui', { pane: step.pane, companion: step.companion });
    PANES[step.pane].controller.focus?.(ctx);
    return;
  }
  // No steps (a restored session): back to the events, then down the breadcrumb.
  if (ctx.store.getState().ui.pane !== 'events') return patch(ctx.store, 'ui', { pane: 'events' });
  if (!popCrumbs(ctx, ctx.store.getState().filter.crumbs.length - 1)) patch(ctx.store, 'ui', { message: 'at the start: nothing to go back to (q quits)' });
}

/** Rows an overlay shows under its title, and how many lines it has. */
function overlayExtent(state: WorkbenchState): { visible: number; length: number } {
  const visible = frameLayout(state.ui.columns, state.ui.rows).bodyRows - 1;
  if (state.ui.mode === 'help') return { visible, length: helpLines(KEYMAP, state.ui.pane, state.ui.columns - 1).length };
  if (state.ui.mode === 'value') return { visible: 1, length: state.ui.values.length };
  return { visible: 1, length: state.status.rejectedList.length + state.status.problems.length };
}

function scrollOverlay(ctx: CommandContext, delta: number): void {
  const state = ctx.store.getState();
  const { visible, length } = overlayExtent(state);
  patch(ctx.store, 'ui', { overlayTop: Math.max(0, Math.min(length - visible, state.ui.overlayTop + delta)) });
}

/** `v`: the selection's values in full; `y`: one of them onto the clipboard. */
function showValues(ctx: CommandContext): void {
  const values = focused(ctx).controller.values?.(ctx) ?? [];
  if (values.length === 0) return patch(ctx.store, 'ui', { message: 'nothing selected to show in full here' });
  patch(ctx.store, 'ui', { mode: 'value', values, overlayTop: 0 });
}

function copy(ctx: CommandContext, value: { label: string; value: string } | undefined): void {
  if (!value) return patch(ctx.store, 'ui', { message: 'nothing selected to copy here' });
  ctx.effects.copy(value.value);
  patch(ctx.store, 'ui', { message: `copied ${value.label} (${value.value.length} characters) to the clipboard` });
}

function pageRaw(ctx: CommandContext): void {
  const raw = focused(ctx).controller.raw?.(ctx) ?? null;
  if (raw === null) return patch(ctx.store, 'ui', { message: 'o opens an event\'s raw record: select one in the events, detail or chain pane' });
  ctx.effects.page(raw);
}

const paneCommands: CommandTable = Object.fromEntries(PANE_DEFINITIONS.map((pane) => [`pane.${pane.id}`, (ctx: CommandContext) => focusPane(ctx, pane.id)]));

export const navigationCommands: CommandTable = {
  'cursor.down': (ctx) => focused(ctx).controller.move(ctx, 1),
  'cursor.up': (ctx) => focused(ctx).controller.move(ctx, -1),
  'cursor.pageDown': (ctx) => focused(ctx).controller.move(ctx, viewportRows(ctx.store.getState(), focused(ctx))),
  'cursor.pageUp': (ctx) => focused(ctx).controller.move(ctx, -viewportRows(ctx.store.getState(), focused(ctx))),
  'cursor.top': (ctx) => focused(ctx).controller.toStart(ctx),
  'cursor.bottom': (ctx) => focused(ctx).controller.toEnd(ctx),
  'item.open': (ctx) => focused(ctx).controller.activate(ctx),
  'nav.back': back,
  'pane.next': (ctx) => cycle(ctx, 1),
  'pane.previous': (ctx) => cycle(ctx, -1),
  ...paneCommands,
  'help.show': (ctx) => patch(ctx.store, 'ui', { mode: 'help', overlayTop: 0 }),
  'rejected.show': (ctx) => {
    patch(ctx.store, 'status', { rejectedList: ctx.data?.rejected(500) ?? [] });
    patch(ctx.store, 'ui', { mode: 'rejected', overlayTop: 0 });
  },
  'value.show': showValues,
  'value.copy': (ctx) => copy(ctx, focused(ctx).controller.values?.(ctx)[0]),
  'value.copySelected': (ctx) => {
    const { values, overlayTop } = ctx.store.getState().ui;
    copy(ctx, values[overlayTop]);
  },
  'raw.page': pageRaw,
  'overlay.close': (ctx) => patch(ctx.store, 'ui', { mode: 'normal' }),
  'overlay.down': (ctx) => scrollOverlay(ctx, 1),
  'overlay.up': (ctx) => scrollOverlay(ctx, -1),
  'overlay.pageDown': (ctx) => scrollOverlay(ctx, overlayExtent(ctx.store.getState()).visible),
  'overlay.pageUp': (ctx) => scrollOverlay(ctx, -overlayExtent(ctx.store.getState()).visible),
  'app.quit': (ctx) => patch(ctx.store, 'ui', { quitting: true }),
};
