/** Latencies as the report shows them: how many, the median, the 99th percentile and the worst. */
export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** The value below which `fraction` of the samples fall (nearest rank: always a measured value). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounded to 0.01 ms: finer digits are noise on a shared machine. */
export function summarize(samples: readonly number[]): LatencySummary {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    n: samples.length,
    p50: round(percentile(samples, 0.5)),
    p99: round(percentile(samples, 0.99)),
    max: round(samples.length === 0 ? Number.NaN : Math.max(...samples)),
  };
}

/** Runs `work` and returns how long it took, in milliseconds, with its result. */
export function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

/**
 * The run whose `pick` is the median of all runs (the run reported, with all its own numbers); of an
 * even number, the higher of the middle two: of two ingest times, the slower one.
 */
export function medianRun<T>(runs: readonly T[], pick: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => pick(a) - pick(b));
  return sorted[sorted.length >> 1]!;
}

/**
 * Times `measure` for every case, round after round, so that no case has the cache to
 * itself. A case stops once it has used its time budget: one pathological filter (a
 * page that takes 30 s) must not eat the benchmark's ten minutes, and its few samples
 * already show how far it is from the target.
 */
export function sampleInterleaved<T>(cases: readonly T[], rounds: number, budgetMs: number, measure: (item: T) => void): number[][] {
  const times = cases.map((): number[] => []);
  const spent = cases.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((item, index) => {
      if (spent[index]! > budgetMs) return;
      const started = performance.now();
      measure(item);
      const ms = performance.now() - started;
      times[index]!.push(ms);
      spent[index]! += ms;
    });
  }
  return times;
}

/** Wall seconds of each part of a run: `end(part)` closes the part that started when the last one ended. */
export function partTimer(): { seconds: Record<string, number>; end: (part: string) => void } {
  const seconds: Record<string, number> = {};
  let partStarted = performance.now();
  const end = (part: string): void => {
    const now = performance.now();
    seconds[part] = Math.round((now - partStarted) / 1000);
    partStarted = now;
  };
  return { seconds, end };
}
