import type { CommandContext } from '../command-context.js';
import { frameLayout } from '../layout.js';
import { patch } from '../store.js';
import { pivot } from '../filter-actions.js';
import { loadDetail } from './detail-load.js';
import { keepVisible, moveInList, type PaneController } from './pane-controller.js';

const SCROLL_STEP = 16;

function viewport(ctx: CommandContext): number {
  const { columns, rows } = ctx.store.getState().ui;
  return frameLayout(columns, rows).bodyRows;
}

function setSelection(ctx: CommandContext, selected: number): void {
  const detail = ctx.store.getState().detail;
  patch(ctx.store, 'detail', { selected, top: keepVisible(detail.top, selected, viewport(ctx)) });
}

function move(ctx: CommandContext, delta: number): void {
  const detail = ctx.store.getState().detail;
  patch(ctx.store, 'detail', moveInList(detail.selected, detail.top, delta, detail.lines.length, viewport(ctx)));
}

/** The next line (after `from`, in `step` direction) that has a value to pivot on. */
function nextPivot(ctx: CommandContext, step: 1 | -1): void {
  const { lines, selected } = ctx.store.getState().detail;
  for (let index = selected + step; index >= 0 && index < lines.length; index += step) {
    if (lines[index]?.pivot) return setSelection(ctx, index);
  }
  patch(ctx.store, 'ui', { message: step > 0 ? 'no more values below' : 'no more values above' });
}

function activate(ctx: CommandContext): void {
  const { lines, selected } = ctx.store.getState().detail;
  const target = lines[selected]?.pivot;
  if (!target) {
    patch(ctx.store, 'ui', { message: 'nothing to pivot on here: move to a key, principal, IP, id or context line (n/N)' });
    return;
  }
  pivot(ctx, target.field, target.value);
}

function scroll(ctx: CommandContext, columns: number): void {
  const left = Math.max(0, ctx.store.getState().detail.left + columns);
  patch(ctx.store, 'detail', { left });
}

export const detailPane: PaneController = {
  move,
  toStart: (ctx) => setSelection(ctx, 0),
  toEnd: (ctx) => setSelection(ctx, Math.max(0, ctx.store.getState().detail.lines.length - 1)),
  activate,
  focus: (ctx) => {
    const { events } = ctx.store.getState();
    const row = events.rows[events.selected];
    if (row) loadDetail(ctx, row.seq);
  },
  unavailable: (ctx) => (ctx.store.getState().events.rows.length === 0 && ctx.store.getState().detail.seq === null ? 'no event to show yet' : null),
  commands: {
    'detail.nextEntity': (ctx) => nextPivot(ctx, 1),
    'detail.previousEntity': (ctx) => nextPivot(ctx, -1),
    'detail.scrollRight': (ctx) => scroll(ctx, SCROLL_STEP),
    'detail.scrollLeft': (ctx) => scroll(ctx, -SCROLL_STEP),
  },
};
