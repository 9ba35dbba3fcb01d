import { describe, expect, it } from 'vitest';
import { ingestRunsWanted } from '../../src/bench/run-ingest.js';
import { medianRun } from '../../src/bench/stats.js';

describe('how many cold ingests the benchmark runs', () => {
  it('runs two, and a third only when the two differ by more than a tenth', () => {
    expect(ingestRunsWanted(3, [])).toBe(2);
    expect(ingestRunsWanted(3, [120])).toBe(2);
    expect(ingestRunsWanted(3, [120, 128])).toBe(2);
    expect(ingestRunsWanted(3, [120, 140])).toBe(3);
    expect(ingestRunsWanted(3, [140, 120, 131])).toBe(3);
  });

  it('never runs more than asked: --runs 1 is one ingest', () => {
    expect(ingestRunsWanted(1, [])).toBe(1);
    expect(ingestRunsWanted(1, [120])).toBe(1);
    expect(ingestRunsWanted(2, [120, 200])).toBe(2);
  });

  it('reports the median run, and of two the slower one', () => {
    const pick = (run: { seconds: number }) => run.seconds;
    expect(medianRun([{ seconds: 140 }, { seconds: 120 }, { seconds: 131 }], pick).seconds).toBe(131);
    expect(medianRun([{ seconds: 120 }, { seconds: 128 }], pick).seconds).toBe(128);
    expect(medianRun([{ seconds: 99 }], pick).seconds).toBe(99);
  });
});
