import { describe, expect, it } from 'vitest';
import { growthTargets, largerSizeTargets } from '../../src/bench/growth.js';
import type { BenchResults } from '../../src/bench/results.js';
import type { TargetVerdict } from '../../src/bench/targets.js';

const verdict = (id: string, met: boolean | null): TargetVerdict => ({ id, what: id, target: 'goal', measured: 'm', met, verdict: met ? 'met' : 'missed by x' });

/** The parts of a run the larger-size verdicts read. */
function run(events: number, eventsPerSecond: number, targets: TargetVerdict[] = []): BenchResults {
  return { tree: { events }, ingest: { median: { eventsPerSecond } }, targets } as unknown as BenchResults;
}

describe('the targets of a larger index size', () => {
  it('judges the ingest rate against the base size\'s, and keeps the every-size targets the larger run measured', () => {
    const larger = run(5_000_000, 17_000, [verdict('ingest-rate', false), verdict('facets', false), verdict('memory', false),
      verdict('page', true), verdict('chain', null), verdict('keypress', true)]);
    const rows = largerSizeTargets(run(1_000_000, 20_000), larger);
    expect(rows.map((row) => [row.id, row.met])).toEqual([['growth', false], ['facets', false], ['memory', false], ['page', true]]);
    expect(rows[0]).toMatchObject({ what: 'ingest rate at 5,000,000 vs 1,000,000 events', measured: '0.850x (17,000 ev/s vs 20,000 ev/s)' });
    // Just under the bound: the miss shows, and is never "100% of the target".
    expect(largerSizeTargets(run(1_000_000, 24_245), run(5_000_000, 21_717))[0]).toMatchObject({
      met: false, measured: '0.896x (21,717 ev/s vs 24,245 ev/s)', verdict: 'missed by 0.004x (99% of the target)' });
    expect(rows[1]!.what).toBe('facets, 5,000,000 events');
    expect(largerSizeTargets(run(1_000_000, 20_000), run(5_000_000, 18_000))[0]).toMatchObject({ id: 'growth', met: true });
  });

  it('judges every size against the smallest, whichever run the document is about', () => {
    const million = run(1_000_000, 20_000);
    const fiveMillion = run(5_000_000, 19_000, [verdict('facets', false)]);
    for (const runs of [[million, fiveMillion], [fiveMillion, million]]) {
      expect(growthTargets(runs).map((row) => row.what)).toEqual(['ingest rate at 5,000,000 vs 1,000,000 events', 'facets, 5,000,000 events']);
    }
    expect(growthTargets([million])).toEqual([]);
  });
});
