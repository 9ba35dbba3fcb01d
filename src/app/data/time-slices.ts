import type { CompiledFilter } from '../../core/query/filter-compile.js';

/** How long one step may hold the thread: well under a frame, so a key waits at most this. */
export const SLICE_TARGET_MS = 5;
/** Never more slices than this: when each query has a fixed cost, thinner slices only add steps. */
export const MAX_SLICES = 400;
const MIN_WIDTH_MS = 1000;
const MAX_GROWTH = 2;

/** The filter narrowed to [from, to): the core's since (inclusive) and until (exclusive) bounds. */
export function sliceFilter(filter: CompiledFilter, from: number | null, to: number): CompiledFilter {
  const since = from === null ? filter.since : Math.max(filter.since ?? from, from);
  const until = Math.min(filter.until ?? to, to);
  return { ...filter, since, until, matchesNothing: filter.matchesNothing || (since !== null && since >= until) };
}

/**
 * Walks a filter's matches in time slices, calling `visit` with the filter narrowed
 * to each, and yields the fraction done after each one. Slices start at the thinnest,
 * 1/`maxSlices` of the range, and then size themselves so each visit takes about
 * `targetMs`, whatever the density of events. The first slice holds the events without a time.
 */
export function* timeSlices(
  filter: CompiledFilter,
  range: { first: number; last: number },
  visit: (slice: CompiledFilter) => void,
  targetMs = SLICE_TARGET_MS,
  maxSlices = MAX_SLICES,
): Generator<number> {
  visit(sliceFilter(filter, null, range.first));
  const span = range.last + 1 - range.first;
  const narrowest = Math.max(MIN_WIDTH_MS, Math.ceil(span / maxSlices));
  let from = range.first;
  // The first slice is the thinnest: sized blind (1/64 of the range) it held the thread for 15-45 ms under
  // a dense filter while a key waited. Quick slices double, so a sparse range still takes few steps.
  let width = narrowest;
  while (from <= range.last) {
    const to = Math.min(range.last + 1, from + width);
    const started = performance.now();
    visit(sliceFilter(filter, from, to));
    const spent = Math.max(0.25, performance.now() - started);
    // Grows at most twofold: events come in bursts, and a slice four times as wide as a quiet one
    // took 30-50 ms (a key waits that long) where the target is 8.
    width = Math.max(narrowest, Math.round(width * Math.min(MAX_GROWTH, Math.max(0.25, targetMs / spent))));
    from = to;
    yield (to - range.first) / span;
  }
}
