import type { CommandContext } from '../command-context.js';
import { fieldLines } from '../data/detail-lines.js';
import { readableJson } from '../data/readable-json.js';
import { patch } from '../store.js';
import { loadDetail } from './detail-load.js';
import { eventViewport, EVENTS_FRAME_ROWS, fetchPage, keyOf, refreshEvents, setWindow, showNewest, showOldest } from './events-window.js';
import { keepVisible, type PaneController, type PaneDefinition } from './pane-definition.js';

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
  frameRows: EVENTS_FRAME_ROWS,
  initial: () => ({ rows: [], top: 0, selected: 0, follow: true, atOldest: false, atNewest: true, loaded: false }),
  controller,
  keys: [],
};
