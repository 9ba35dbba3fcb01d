import type { EventRow } from '../../core/query/event-rows.js';
import type { Cursor, PageRequest } from '../../core/query/page.js';
import type { CommandContext } from '../command-context.js';
import { fieldLines } from '../data/detail-lines.js';
import { readableJson } from '../data/readable-json.js';
import { key } from '../key-binding.js';
import { frameLayout, viewportRows } from '../layout.js';
import type { EventAnchor } from '../state.js';
import { patch } from '../store.js';
import { loadDetail } from './detail-load.js';
import { keepVisible, type PaneController, type PaneDefinition } from './pane-definition.js';

/** The virtual list: a buffer of rows around the viewport, oldest first, fetched by key. */
export interface EventsSlice {
  rows: EventRow[];
  /** Index in `rows` of the first visible row and of the selected row. */
  top: number;
  selected: number;
  /** Sticks to the newest event as they arrive, like `tail -f`. */
  follow: boolean;
  /** True when the buffer reaches the oldest / newest matching event. */
  atOldest: boolean;
  atNewest: boolean;
  loaded: boolean;
}

declare module '../state.js' {
  interface PaneSlices {
    events: EventsSlice;
  }
}

/** Rows the list fills: the events pane's data rows in the current frame. */
export function eventViewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), eventsPane);
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

/** The screenful around one event (`above` rows over it), that event selected, or the next one after it when it is gone. */
export function showAround(ctx: CommandContext, at: Cursor, above = Math.floor(eventViewport(ctx) / 2)): void {
  const viewport = eventViewport(ctx);
  const over = Math.min(Math.max(0, above), viewport - 1);
  const older = over > 0 ? fetchPage(ctx, { direction: 'older', limit: over, cursor: at }) : [];
  // From just before the event, so it is the first of these (unless it is gone).
  const newer = fetchPage(ctx, { direction: 'newer', limit: viewport - over, cursor: { time: at.time, seq: at.seq - 1 } });
  setWindow(ctx, {
    rows: [...older, ...newer], selected: Math.max(0, Math.min(older.length, older.length + newer.length - 1)), top: 0,
    atOldest: older.length < over, atNewest: newer.length < viewport - over, follow: false,
  });
}

/** New data arrived: follow the newest, or keep the selected event where it is on screen while arrivals fill in. */
export function refreshEvents(ctx: CommandContext): void {
  const events = ctx.store.getState().events;
  const selected = events.rows[events.selected];
  if (events.follow || !selected) return showNewest(ctx);
  showAround(ctx, keyOf(selected), events.selected - events.top);
}

/** Where the list stands, to come back to (Esc, a restored session). */
export function currentAnchor(ctx: CommandContext): EventAnchor | null {
  const events = ctx.store.getState().events;
  const row = events.rows[events.selected];
  return row ? { time: row.time, seq: row.seq, follow: events.follow } : null;
}

const selectedRow = (ctx: CommandContext) => {
  const events = ctx.store.getState().events;
  return events.rows[events.selected] ?? null;
};

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
  const row = selectedRow(ctx);
  if (!row) {
    patch(ctx.store, 'ui', { message: 'no event selected' });
    return;
  }
  loadDetail(ctx, row.seq);
  ctx.focus('detail');
}

const controller: PaneController = {
  move,
  toStart: showOldest,
  toEnd: (ctx) => {
    patch(ctx.store, 'events', { follow: true });
    showNewest(ctx);
  },
  activate,
  dataChanged: refreshEvents,
  values: (ctx) => {
    const row = selectedRow(ctx);
    return row ? fieldLines(row).map((line) => ({ label: line.label, value: line.text })) : [];
  },
  raw: (ctx) => {
    const row = selectedRow(ctx);
    const detail = row ? ctx.data?.detail(row.seq) : null;
    return detail ? readableJson(detail.raw) : null;
  },
  commands: {
    'follow.toggle': (ctx) => {
      const follow = !ctx.store.getState().events.follow;
      patch(ctx.store, 'events', { follow });
      if (follow) showNewest(ctx);
    },
  },
};

/** The time-ordered list of the events under the filter: the workbench's main pane. */
export const eventsPane: PaneDefinition<'events'> = {
  id: 'events',
  title: 'Events',
  shortTitle: 'Ev',
  placement: 'main',
  // The table header.
  frameRows: 1,
  initial: () => ({ rows: [], top: 0, selected: 0, follow: true, atOldest: false, atNewest: true, loaded: false }),
  controller,
  keys: [key(['F'], 'follow.toggle', 'follow new events on/off')],
};
