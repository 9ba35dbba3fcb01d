import type { CommandContext } from '../command-context.js';
import { detailLines } from '../data/detail-lines.js';
import { patch } from '../store.js';

/** Loads one event into the detail pane (one row and one raw block: cheap whatever the index size). */
export function loadDetail(ctx: CommandContext, seq: number): void {
  if (!ctx.data || ctx.store.getState().detail.seq === seq) return;
  const detail = ctx.data.detail(seq);
  if (!detail) return;
  const lines = detailLines(detail);
  const firstPivot = lines.findIndex((line) => line.pivot);
  patch(ctx.store, 'detail', { seq, lines, selected: Math.max(0, firstPivot), top: 0, left: 0 });
}
