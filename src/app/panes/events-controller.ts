import type { EventRow } from '../../core/query/event-rows.js';
import type { PageRequest } from '../../core/query/page.js';
import type { CommandContext } from '../command-context.js';
import { frameLayout } from '../layout.js';
import type { EventsSlice } from '../state.js';
import { patch } from '../store.js';
import { loadDetail } from './detail-load.js';
import { keepVisible, type PaneController } from './pane-controller.js';

/** Rows the list fills: the events pane's data rows in the current frame. */
export function eventViewport(ctx: CommandContext): number {
  const { columns, rows } = ctx.store.getState().ui;
  return frameLayout(columns, rows).listRows;
}

/** One page from the index by key, returned oldest first as the list shows it. */
function fetchPage(ctx: CommandContext, request: PageRequest): EventRow[] {
  if (!ctx.data || !ctx.compiled) return [];
  return ctx.data.page(ctx.compiled, request).reverse();
}

const keyOf = (row: EventRow) => ({ time: row.time, seq: row.seq });

function setWindow(ctx: CommandContext, changes: Partial<EventsSlice>): void {
  patch(ctx.store, 'events', { ...changes, loaded: true });
  const { ui, events } = ctx.store.getState();
  // On a wide screen the detail beside the list follows the selection.
  if (frameLayout(ui.columns, ui.rows).wide && ui.companion === 'detail' && events.rows[events.selected]) {
    loadDetail(ctx, events.rows[events.selected]!.seq);
  }
}

/** The newest screenful, selection on the newest event. */
export function showNewest(ctx: CommandContext): void {
  const viewport = eventViewport(ctx);
  const rows = fetchPage(ctx, { direction: 'older', limit: viewport });
  const selected = Math.max(0, rows.length - 1);
  setWindow(ctx, { rows, selected, top: Math.max(0, rows.length - viewport), atNewest: true, atOldest: rows.length < viewport });
}

function showOldest(ctx: CommandContext): void {
  const viewport = eventViewport(ctx);
  const rows = fetchPage(ctx, { direction: 'newer', limit: viewport });
  setWindow(ctx, { rows, selected: 0, top: 0, atOldest: true, atNewest: rows.length < viewport, follow: false });
}

/**
 * New data arrived: follow the newest, or re-read the screenful around the selected
 * event so it keeps its place on screen while arrivals (in any time order) fill in.
 */
export function refreshEvents(ctx: CommandContext): void {
  const events = ctx.store.getState().events;
  const selected = events.rows[events.selected];
  if (events.follow || !selected) return showNewest(ctx);
  const viewport = eventViewport(ctx);
  const above = Math.min(Math.max(0, events.selected - events.top), viewport - 1);
  const older = above > 0 ? fetchPage(ctx, { direction: 'older', limit: above, cursor: keyOf(selected) }) : [];
  // From just before the selected event, so it is the first of these (unless it is gone).
  const newer = fetchPage(ctx, { direction: 'newer', limit: viewport - above, cursor: { time: selected.time, seq: selected.seq - 1 } });
  setWindow(ctx, {
    rows: [...older, ...newer], selected: Math.max(0, Math.min(older.length, older.length + newer.length - 1)), top: 0,
    atOldest: older.length < above, atNewest: newer.length < viewport - above,
  });
}

/** Moves the selection; crossing the buffer's edge reads one more page by key from that edge. */
function move(ctx: CommandContext, delta: number): void {
  const viewport = eventViewport(ctx);
  const cap = Math.max(100, viewport * 5);
  const state = ctx.store.getState().events;
  let { rows, top, atOldest, atNewest } = state;
  let target = state.selected + delta;
  const last = rows[rows.length - 1];
  if (target >= rows.length && !atNewest && last) {
    const limit = Math.max(viewport, target - rows.length + 1);
    const newer = fetchPage(ctx, { direction: 'newer', limit, cursor: keyOf(last) });
    atNewest = newer.length < limit;
    rows = [...rows, ...newer];
    const drop = Math.max(0, rows.length - cap);
    if (drop > 0) [rows, top, target, atOldest] = [rows.slice(drop), top - drop, target - drop, false];
  }
  const first = rows[0];
  if (target < 0 && !atOldest && first) {
    const limit = Math.max(viewport, -target);
    const older = fetchPage(ctx, { direction: 'older', limit, cursor: keyOf(first) });
    atOldest = older.length < limit;
    [rows, top, target] = [[...older, ...rows], top + older.length, target + older.length];
    if (rows.length > cap) [rows, atNewest] = [rows.slice(0, cap), false];
  }
  const selected = Math.max(0, Math.min(rows.length - 1, target));
  setWindow(ctx, { rows, atOldest, atNewest, selected, top: keepVisible(Math.max(0, top), selected, viewport), follow: delta < 0 ? false : state.follow });
}

function activate(ctx: CommandContext): void {
  const { rows, selected } = ctx.store.getState().events;
  const row = rows[selected];
  if (!row) {
    patch(ctx.store, 'ui', { message: 'no event selected' });
    return;
  }
  loadDetail(ctx, row.seq);
  patch(ctx.store, 'ui', { pane: 'detail', companion: 'detail' });
}

export const eventsPane: PaneController = {
  move,
  toStart: showOldest,
  toEnd: (ctx) => {
    patch(ctx.store, 'events', { follow: true });
    showNewest(ctx);
  },
  activate,
  commands: {
    'follow.toggle': (ctx) => {
      const follow = !ctx.store.getState().events.follow;
      patch(ctx.store, 'events', { follow });
      if (follow) showNewest(ctx);
    },
  },
};
