import type { CommandContext } from '../command-context.js';
import { readableJson } from '../data/readable-json.js';
import { pivot } from '../filter-actions.js';
import { key } from '../key-binding.js';
import { viewportRows } from '../layout.js';
import { patch } from '../store.js';
import { DETAIL_PLACEMENT, loadDetail, rewrapDetail } from './detail-load.js';
import { keepVisible, moveInList, type PaneController, type PaneDefinition } from './pane-definition.js';

function viewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), detailPane);
}

function setSelection(ctx: CommandContext, selected: number): void {
  const detail = ctx.store.getState().detail;
  patch(ctx.store, 'detail', { selected, top: keepVisible(detail.top, selected, viewport(ctx)) });
}

function move(ctx: CommandContext, delta: number): void {
  const detail = ctx.store.getState().detail;
  patch(ctx.store, 'detail', moveInList(detail.selected, detail.top, delta, detail.rows.length, viewport(ctx)));
}

/** The next row (in `step` direction) that has a value to pivot on. */
function nextPivot(ctx: CommandContext, step: 1 | -1): void {
  const { rows, selected } = ctx.store.getState().detail;
  for (let index = selected + step; index >= 0 && index < rows.length; index += step) {
    if (rows[index]?.pivot) return setSelection(ctx, index);
  }
  patch(ctx.store, 'ui', { message: step > 0 ? 'no more values below' : 'no more values above' });
}

function activate(ctx: CommandContext): void {
  const { rows, selected } = ctx.store.getState().detail;
  const target = rows[selected]?.pivot;
  if (!target) {
    patch(ctx.store, 'ui', { message: 'nothing to pivot on here: move to a key, principal, IP, id or context line (n/N)' });
    return;
  }
  pivot(ctx, target.field, target.value);
}

/** The selected line whole (a wrapped line's first row carries it), labelled. */
function values(ctx: CommandContext) {
  const { rows, lines, selected } = ctx.store.getState().detail;
  let index = selected;
  while (index > 0 && rows[index]?.continued) index--;
  const lineIndex = rows.slice(0, index + 1).filter((row) => !row.continued).length - 1;
  const line = lines[lineIndex];
  if (!line || line.kind === 'heading') return [];
  return [{ label: line.label || 'json', value: line.kind === 'json' ? line.text.trim() : line.text }];
}

const controller: PaneController = {
  move,
  toStart: (ctx) => setSelection(ctx, 0),
  toEnd: (ctx) => setSelection(ctx, Math.max(0, ctx.store.getState().detail.rows.length - 1)),
  activate,
  focus: (ctx) => {
    // Nothing open yet (3 pressed in the events): the selected event.
    const { detail, events } = ctx.store.getState();
    const row = events.rows[events.selected];
    if (detail.seq === null && row) loadDetail(ctx, row.seq);
    rewrapDetail(ctx);
  },
  unavailable: (ctx) => {
    const { detail, events } = ctx.store.getState();
    return detail.seq === null && events.rows.length === 0 ? 'no event to show yet' : null;
  },
  resized: rewrapDetail,
  values,
  raw: (ctx) => {
    const seq = ctx.store.getState().detail.seq;
    const detail = seq === null ? null : ctx.data?.detail(seq);
    return detail ? readableJson(detail.raw) : null;
  },
  commands: {
    'detail.nextEntity': (ctx) => nextPivot(ctx, 1),
    'detail.previousEntity': (ctx) => nextPivot(ctx, -1),
  },
};

/** One event in full: key fields, the values to pivot on, source files, the whole JSON, long lines wrapped. */
export const detailPane: PaneDefinition<'detail'> = {
  id: 'detail',
  title: 'Detail',
  shortTitle: 'Det',
  placement: DETAIL_PLACEMENT,
  frameRows: 0,
  initial: () => ({ seq: null, lines: [], rows: [], width: 0, selected: 0, top: 0 }),
  controller,
  keys: [
    key(['n'], 'detail.nextEntity', 'next value to pivot on'),
    key(['N'], 'detail.previousEntity', 'previous value to pivot on'),
  ],
};
