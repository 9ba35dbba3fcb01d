import type { CommandContext } from '../command-context.js';
import { detailLines, type DetailLine } from '../data/detail-lines.js';
import { detailRows, type DetailRow } from '../data/detail-rows.js';
import { paneColumns } from '../layout.js';
import { patch } from '../store.js';

/** One event in full: its lines, and the rows they wrap to in the pane's width. */
export interface DetailSlice {
  seq: number | null;
  lines: DetailLine[];
  rows: DetailRow[];
  /** The width `rows` were wrapped for. */
  width: number;
  selected: number;
  top: number;
}

declare module '../state.js' {
  interface PaneSlices {
    detail: DetailSlice;
  }
}

/** Where the detail pane is drawn (beside the events on a wide screen): the width its rows wrap to. */
export const DETAIL_PLACEMENT = 'beside';

/** Text columns of the detail pane now: its width less the selection marker. */
function rowWidth(ctx: CommandContext): number {
  return Math.max(16, paneColumns(ctx.store.getState(), { placement: DETAIL_PLACEMENT }) - 2);
}

/** Index of the line (not the row) that row `index` belongs to. */
function lineOfRow(rows: readonly DetailRow[], index: number): number {
  let line = -1;
  for (let row = 0; row <= index && row < rows.length; row++) if (!rows[row]!.continued) line++;
  return Math.max(0, line);
}

/** Index of the first row of line `line`. */
function rowOfLine(rows: readonly DetailRow[], line: number): number {
  let seen = -1;
  for (let row = 0; row < rows.length; row++) if (!rows[row]!.continued && ++seen === line) return row;
  return 0;
}

/** Wraps the lines again for the current width (after a resize), the selection on the same line. */
export function rewrapDetail(ctx: CommandContext): void {
  const detail = ctx.store.getState().detail;
  const width = rowWidth(ctx);
  if (detail.seq === null || detail.width === width) return;
  const rows = detailRows(detail.lines, width);
  const selected = rowOfLine(rows, lineOfRow(detail.rows, detail.selected));
  patch(ctx.store, 'detail', { rows, width, selected, top: selected });
}

/** Loads one event into the detail pane (one row and one raw block: cheap whatever the index size). */
export function loadDetail(ctx: CommandContext, seq: number): void {
  if (!ctx.data || ctx.store.getState().detail.seq === seq) return;
  const detail = ctx.data.detail(seq);
  if (!detail) return;
  const lines = detailLines(detail);
  const width = rowWidth(ctx);
  const rows = detailRows(lines, width);
  const firstPivot = rows.findIndex((row) => row.pivot);
  patch(ctx.store, 'detail', { seq, lines, rows, width, selected: Math.max(0, firstPivot), top: 0 });
}
