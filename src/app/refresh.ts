import type { EntityKind } from '../core/normalize/types.js';
import { facetProbesEveryValue, isUnfiltered, type FacetValue } from '../core/query/facets.js';
import type { CompiledFilter } from '../core/query/filter-compile.js';
import type { CommandContext } from './command-context.js';
import type { WorkbenchData } from './data/workbench-data.js';
import { bucketSpec } from './data/histogram-buckets.js';
import { MAX_SLICES, SLICE_TARGET_MS, sliceFilter, timeSlices } from './data/time-slices.js';
import { patch } from './store.js';

/** Counting stops here: the status line says "200,000+" rather than count millions. */
export const COUNT_CAP = 200_000;
export const FACET_LIMIT = 50;
/** Values kept per time slice before merging: exact for every value a responder scrolls to. */
const SLICE_FACET_LIMIT = 2_000;
/** Spans a probed kind's count is cut into (each collects its matches, then probes every value once). */
const COARSE_SLICES = 8;
/** Values probed per step: about 4 ms at 1M events. */
const PROBE_CHUNK_VALUES = 2_000;
/** Partial facets and histograms are shown at most this often while they are being counted. */
const PUBLISH_MS = 150;

/** Histogram buckets: one per column, leaving room for the frame's margin. */
export function histogramBuckets(columns: number): number {
  return Math.max(10, columns - 2);
}

/** The data and filter a job runs on, fixed when it is queued (a later filter queues a new job). */
function inputs(ctx: CommandContext): { data: WorkbenchData; filter: CompiledFilter } | null {
  return ctx.data && ctx.compiled ? { data: ctx.data, filter: ctx.compiled } : null;
}

/**
 * The count of an unfiltered filter, which the index keeps: one read, so it follows each change of
 * the index as the status line's total does (the tab then agrees with it) rather than wait for a
 * round of counting. False when the filter needs counting.
 */
export function refreshKeptCount(ctx: CommandContext): boolean {
  const run = inputs(ctx);
  if (!run || !isUnfiltered(run.filter)) return false;
  patch(ctx.store, 'status', { matches: run.data.count(run.filter, 0), matchesCapped: false });
  return true;
}

function* countJob(ctx: CommandContext): Generator<unknown> {
  const run = inputs(ctx);
  if (!run || refreshKeptCount(ctx)) return;
  const { data, filter } = run;
  const range = data.timeRange(filter);
  let total = range ? 0 : data.count(filter, COUNT_CAP + 1);
  if (range) {
    for (const _ of timeSlices(filter, range, (slice) => { total += data.count(slice, COUNT_CAP + 1 - total); })) {
      if (total > COUNT_CAP) break;
      yield;
    }
  }
  patch(ctx.store, 'status', { matches: Math.min(total, COUNT_CAP), matchesCapped: total > COUNT_CAP });
}

function addCounts(into: number[], part: number[]): void {
  part.forEach((count, index) => {
    into[index] = (into[index] ?? 0) + count;
  });
}

function* histogramJob(ctx: CommandContext): Generator<unknown> {
  const run = inputs(ctx);
  if (!run) return;
  const { data, filter } = run;
  const range = data.timeRange(filter);
  if (!range) return patch(ctx.store, 'histogram', { counts: [], errors: [], ready: true, selected: -1 });
  const spec = bucketSpec(range.first, range.last, histogramBuckets(ctx.store.getState().ui.columns));
  const withErrors = data.compile(`${filter.text} error:*`);
  const counts = new Array<number>(spec.count).fill(0);
  const errors = new Array<number>(spec.count).fill(0);
  const old = ctx.store.getState().histogram;
  const selected = old.start === spec.start && old.width === spec.width && old.counts.length === spec.count ? old.selected : -1;
  const publish = (ready: boolean) => patch(ctx.store, 'histogram', { start: spec.start, width: spec.width, counts: [...counts], errors: [...errors], ready, selected });
  let published = performance.now();
  for (const _ of timeSlices(filter, range, (slice) => {
    addCounts(counts, data.histogram(slice, spec));
    addCounts(errors, data.histogram(sliceFilter(withErrors, slice.since, slice.until ?? range.last + 1), spec));
  })) {
    if (performance.now() - published > PUBLISH_MS) {
      publish(false);
      published = performance.now();
    }
    yield;
  }
  publish(true);
}

function mergeFacet(into: Map<string, FacetValue>, part: FacetValue[]): void {
  for (const value of part) {
    const entry = into.get(value.value);
    if (entry) entry.count += value.count;
    else into.set(value.value, { ...value });
  }
}

const topValues = (merged: Map<string, FacetValue>) =>
  [...merged.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, FACET_LIMIT);

type FacetPublish = (values: FacetValue[], done: number) => void;

function* facetJob(ctx: CommandContext, kind: EntityKind): Generator<unknown> {
  const run = inputs(ctx);
  if (!run) return;
  const { data, filter } = run;
  const publish: FacetPublish = (values, done) => {
    const facets = ctx.store.getState().facets;
    patch(ctx.store, 'facets', { values: { ...facets.values, [kind]: values }, progress: { ...facets.progress, [kind]: done } });
  };
  // Unfiltered counts of most kinds are kept by the index: one read.
  const range = isUnfiltered(filter) && kind !== 'key' ? null : data.timeRange(filter);
  const countValues = data.facetCounter(kind);
  if (!range) return publish(countValues(filter, FACET_LIMIT), 1);
  if (facetProbesEveryValue(kind)) return yield* probedFacetSteps(data, filter, kind, range, publish);
  const merged = new Map<string, FacetValue>();
  const published = throttled(publish, merged);
  const visit = (slice: CompiledFilter) => mergeFacet(merged, countValues(slice, SLICE_FACET_LIMIT));
  for (const done of timeSlices(filter, range, visit, SLICE_TARGET_MS, MAX_SLICES)) {
    published(done);
    yield;
  }
  publish(topValues(merged), 1);
}

/** Publishes partial facets at most every PUBLISH_MS. */
function throttled(publish: FacetPublish, merged: Map<string, FacetValue>): (done: number) => void {
  let last = performance.now();
  return (done) => {
    if (performance.now() - last <= PUBLISH_MS) return;
    publish(topValues(merged), done);
    last = performance.now();
  };
}

/**
 * A kind only entity rows carry: each of a few broad spans is collected in time slices, then its
 * values are probed a chunk at a time, so no step holds the thread for a probe of every value.
 */
function* probedFacetSteps(data: WorkbenchData, filter: CompiledFilter, kind: EntityKind, range: { first: number; last: number },
  publish: FacetPublish): Generator<unknown> {
  const merged = new Map<string, FacetValue>();
  const published = throttled(publish, merged);
  const probe = data.probedFacet(kind);
  const width = Math.ceil((range.last + 1 - range.first) / COARSE_SLICES);
  for (let span = 0; span < COARSE_SLICES; span++) {
    // The first span also holds the events without a time (time 0, before range.first).
    const since = span === 0 ? null : range.first + span * width;
    const until = Math.min(range.last + 1, range.first + (span + 1) * width);
    const done = (until - range.first) / (range.last + 1 - range.first);
    probe.clear();
    for (const _ of timeSlices(sliceFilter(filter, since, until), { first: since ?? range.first, last: until - 1 }, (slice) => probe.collect(slice))) {
      yield;
    }
    let after: string | null = null;
    do {
      const chunk = probe.probe(after, PROBE_CHUNK_VALUES, since, until);
      mergeFacet(merged, chunk.values);
      after = chunk.last;
      published(done);
      yield;
    } while (after !== null);
  }
  publish(topValues(merged), 1);
}

/** Counts one facet kind under the current filter, a time slice at a time. */
export function queueFacet(ctx: CommandContext, kind: EntityKind): void {
  ctx.aggregates.queue(`facet:${kind}`, facetJob(ctx, kind));
}

/** Queues what depends on the whole match set: the count, the histogram and the facet in view. */
export function queueAggregates(ctx: CommandContext): void {
  ctx.aggregates.queue('count', countJob(ctx));
  ctx.aggregates.queue('histogram', histogramJob(ctx));
  const facets = ctx.store.getState().facets;
  const kind = facets.kinds[facets.kindIndex];
  if (kind) queueFacet(ctx, kind);
}
