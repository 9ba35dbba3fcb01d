import type { CommandContext } from '../command-context.js';
import { formatWidth } from '../data/histogram-buckets.js';
import { pivotTime } from '../filter-actions.js';
import { key } from '../key-binding.js';
import { patch } from '../store.js';
import type { PaneController, PaneDefinition } from './pane-definition.js';

export interface HistogramSlice {
  start: number;
  width: number;
  counts: number[];
  errors: number[];
  selected: number;
  ready: boolean;
}

declare module '../state.js' {
  interface PaneSlices {
    histogram: HistogramSlice;
  }
}

/** Moves the bucket cursor; from "no bucket" the first move lands on the busiest one. */
function move(ctx: CommandContext, delta: number): void {
  const { counts, selected } = ctx.store.getState().histogram;
  if (counts.length === 0) return;
  const start = selected < 0 ? counts.indexOf(Math.max(...counts)) : selected + delta;
  patch(ctx.store, 'histogram', { selected: Math.max(0, Math.min(counts.length - 1, start)) });
}

/** Bucket bounds as filter times: `until` is inclusive to the millisecond, so end - 1 ms keeps it exclusive. */
export function bucketBounds(start: number, width: number, index: number): { since: string; until: string } {
  const from = start + index * width;
  return { since: new Date(from).toISOString(), until: new Date(from + width - 1).toISOString() };
}

function activate(ctx: CommandContext): void {
  const { start, width, selected, counts } = ctx.store.getState().histogram;
  if (selected < 0 || selected >= counts.length) {
    patch(ctx.store, 'ui', { message: 'choose a bucket with h/l first' });
    return;
  }
  const bounds = bucketBounds(start, width, selected);
  const label = `time:${bounds.since.slice(5, 16).replace('T', ' ')}+${formatWidth(width)}`;
  pivotTime(ctx, bounds.since, bounds.until, label);
}

const controller: PaneController = {
  move,
  toStart: (ctx) => patch(ctx.store, 'histogram', { selected: 0 }),
  toEnd: (ctx) => patch(ctx.store, 'histogram', { selected: Math.max(0, ctx.store.getState().histogram.counts.length - 1) }),
  activate,
  unavailable: (ctx) => (ctx.store.getState().histogram.counts.length === 0 ? 'no events to chart yet' : null),
  values: (ctx) => {
    const { start, width, selected, counts, errors } = ctx.store.getState().histogram;
    if (selected < 0 || selected >= counts.length) return [];
    const bounds = bucketBounds(start, width, selected);
    return [{ label: 'since', value: bounds.since }, { label: 'until', value: bounds.until },
      { label: 'events', value: String(counts[selected]) }, { label: 'errors', value: String(errors[selected] ?? 0) }];
  },
  commands: {
    'histogram.next': (ctx) => move(ctx, 1),
    'histogram.previous': (ctx) => move(ctx, -1),
  },
};

/** Events per time bucket under the filter, in a strip above the panes; Enter zooms to a bucket. */
export const histogramPane: PaneDefinition<'histogram'> = {
  id: 'histogram',
  title: 'Histogram',
  shortTitle: 'His',
  placement: 'strip',
  frameRows: 0,
  initial: () => ({ start: 0, width: 0, counts: [], errors: [], selected: -1, ready: false }),
  controller,
  keys: [
    key(['l', 'right'], 'histogram.next', 'next time bucket'),
    key(['h', 'left'], 'histogram.previous', 'previous time bucket'),
  ],
};
