import type { EntityKind } from '../core/normalize/types.js';
import type { CommandContext } from './command-context.js';
import { bucketSpec } from './data/histogram-buckets.js';
import { patch } from './store.js';

/** Counting stops here: the status line says "200,000+" rather than scan millions on a keystroke. */
export const COUNT_CAP = 200_000;
export const FACET_LIMIT = 50;

/** Histogram buckets: one per column, leaving room for the frame's margin. */
export function histogramBuckets(columns: number): number {
  return Math.max(10, columns - 2);
}

function countJob(ctx: CommandContext): void {
  if (!ctx.data || !ctx.compiled) return;
  const matches = ctx.data.count(ctx.compiled, COUNT_CAP + 1);
  patch(ctx.store, 'status', { matches: Math.min(matches, COUNT_CAP), matchesCapped: matches > COUNT_CAP });
}

function histogramJob(ctx: CommandContext): void {
  if (!ctx.data || !ctx.compiled) return;
  const range = ctx.data.timeRange(ctx.compiled);
  const old = ctx.store.getState().histogram;
  if (!range) {
    patch(ctx.store, 'histogram', { counts: [], errors: [], ready: true, selected: -1 });
    return;
  }
  const spec = bucketSpec(range.first, range.last, histogramBuckets(ctx.store.getState().ui.columns));
  const counts = ctx.data.histogram(ctx.compiled, spec);
  const withErrors = ctx.data.compile(`${ctx.compiled.text} error:*`);
  const errors = ctx.data.histogram(withErrors, spec);
  const sameBuckets = old.start === spec.start && old.width === spec.width && old.counts.length === spec.count;
  const selected = sameBuckets ? old.selected : -1;
  patch(ctx.store, 'histogram', { start: spec.start, width: spec.width, counts, errors, ready: true, selected });
}

/** Counts one facet kind under the current filter (kept until the filter changes). */
export function queueFacet(ctx: CommandContext, kind: EntityKind): void {
  ctx.aggregates.queue(`facet:${kind}`, () => {
    if (!ctx.data || !ctx.compiled) return;
    const values = ctx.data.facets(ctx.compiled, kind, FACET_LIMIT);
    patch(ctx.store, 'facets', { values: { ...ctx.store.getState().facets.values, [kind]: values } });
  });
}

/** Queues what depends on the whole match set: the count, the histogram and the facet in view. */
export function queueAggregates(ctx: CommandContext): void {
  ctx.aggregates.queue('count', () => countJob(ctx));
  ctx.aggregates.queue('histogram', () => histogramJob(ctx));
  const facets = ctx.store.getState().facets;
  const kind = facets.kinds[facets.kindIndex];
  if (kind) queueFacet(ctx, kind);
}
