import { describe, expect, it } from 'vitest';
import { sliceFilter, timeSlices } from '../../src/app/data/time-slices.js';
import type { CompiledFilter } from '../../src/core/query/filter-compile.js';

const filter = (since: number | null = null, until: number | null = null): CompiledFilter => ({
  text: 'event:Decrypt', entities: [], columns: [], ids: [], since, until, matchesNothing: false, errors: [],
});

function collect(base: CompiledFilter, range: { first: number; last: number }, visitMs = 0, targetMs?: number): CompiledFilter[] {
  const slices: CompiledFilter[] = [];
  const visit = (slice: CompiledFilter) => {
    slices.push(slice);
    const until = performance.now() + visitMs;
    while (performance.now() < until) { /* a slow query */ }
  };
  for (const _ of timeSlices(base, range, visit, targetMs)) { /* step */ }
  return slices;
}

describe('time slices', () => {
  it('covers the whole range once, starting with the events that have no time', () => {
    const slices = collect(filter(), { first: 1_000_000, last: 9_999_999 });
    expect(slices[0]).toMatchObject({ since: null, until: 1_000_000 });
    for (let index = 1; index < slices.length - 1; index++) expect(slices[index]!.until).toBe(slices[index + 1]!.since);
    expect(slices[1]!.since).toBe(1_000_000);
    expect(slices.at(-1)!.until).toBe(10_000_000);
  });

  it('keeps the filter\'s own time bounds', () => {
    const slice = sliceFilter(filter(5_000, 6_000), 0, 10_000);
    expect(slice).toMatchObject({ since: 5_000, until: 6_000, matchesNothing: false });
    expect(sliceFilter(filter(5_000, null), 7_000, 8_000).since).toBe(7_000);
    expect(sliceFilter(filter(9_000, null), 0, 8_000).matchesNothing).toBe(true);
  });

  it('never cuts a slow range into more than a few hundred steps', () => {
    // Every query is 10x over the step's budget: slices shrink to the floor, and no further.
    const slices = collect(filter(), { first: 0, last: 30 * 86_400_000 }, 0.5, 0.05);
    expect(slices.length).toBeLessThanOrEqual(402);
  });

  it('takes bigger slices where each one is quick', () => {
    const slices = collect(filter(), { first: 0, last: 30 * 86_400_000 });
    const widths = slices.slice(1).map((slice) => slice.until! - slice.since!);
    expect(widths.at(-2)!).toBeGreaterThan(widths[0]!);
  });
});
