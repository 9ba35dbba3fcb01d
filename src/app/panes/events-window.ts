import type { EventRow } from '../../core/query/event-rows.js';
import type { Cursor, PageRequest } from '../../core/query/page.js';
import type { CommandContext } from '../command-context.js';
import { frameLayout, viewportRows } from '../layout.js';
import type { EventAnchor } from '../state.js';
import { patch } from '../store.js';
import { loadDetail } from './detail-load.js';

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

/** Rows of the events pane that are not list rows: the table header. */
export const EVENTS_FRAME_ROWS = 1;

/** Rows the list fills: the events pane's data rows in the current frame. */
export function eventViewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), { frameRows: EVENTS_FRAME_ROWS });
}

/** One page from the index by key, returned oldest first as the list shows it. */
export function fetchPage(ctx: CommandContext, request: PageRequest): EventRow[] {
  if (!ctx.data || !ctx.compiled) return [];
  return ctx.data.page(ctx.compiled, request).reverse();
}

export const keyOf = (row: EventRow) => ({ time: row.time, seq: row.seq });

export function setWindow(ctx: CommandContext, changes: Partial<EventsSlice>): void {
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

export function showOldest(ctx: CommandContext): void {
  const viewport = eventViewport(ctx);
  const rows = fetchPage(ctx, { direction: 'newer', limit: viewport });
  setWindow(ctx, { rows, selected: 0, top: 0, atOldest: true, atNewest: rows.length < viewport, follow: false });
}

/**
 * The screenful around one event (`above` rows over it, fewer or more where the list ends),
 * that event selected, or the next one after it when it is gone.
 */
export function showAround(ctx: CommandContext, at: Cursor, above = Math.floor(eventViewport(ctx) / 2)): void {
  const viewport = eventViewport(ctx);
  const over = Math.min(Math.max(0, above), viewport - 1);
  let older = over > 0 ? fetchPage(ctx, { direction: 'older', limit: over, cursor: at }) : [];
  // From just before the event, so it is the first of these (unless it is gone); near the oldest, more of them fill the screen.
  const newerLimit = viewport - older.length;
  const newer = fetchPage(ctx, { direction: 'newer', limit: newerLimit, cursor: { time: at.time, seq: at.seq - 1 } });
  // Near the newest, more events before it fill the screen: a restored or walked-back window is never part blank.
  const atNewest = newer.length < newerLimit;
  const olderLimit = atNewest && older.length === over ? viewport - newer.length : over;
  if (olderLimit > over) older = fetchPage(ctx, { direction: 'older', limit: olderLimit, cursor: at });
  setWindow(ctx, {
    rows: [...older, ...newer], selected: Math.max(0, Math.min(older.length, older.length + newer.length - 1)), top: 0,
    atOldest: older.length < olderLimit, atNewest, follow: false,
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
