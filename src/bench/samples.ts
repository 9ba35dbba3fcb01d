/** How many samples each figure gets. */
export interface Samples {
  pageRounds: number;
  facetRounds: number;
  chainRounds: number;
  keytrailRuns: number;
  /** Asked of each DuckDB load: with one, a question's time is the median over the loads (a fresh process each). */
  duckdbQuestionRuns: number;
  liveFiles: number;
  liveEventsPerFile: number;
  launches: number;
  keyIntervalMs: number;
  /** How many filters the keypress session types and applies (of five). */
  keyFilters: number;
  /** Scales the runs of repeated keys in the keypress session. */
  keyRepeats: number;
  /** Time between live-tail files, and for the workbench to settle before the first key. */
  liveGapMs: number;
  settleMs: number;
}

/** The documented run: enough samples for a p99 that is more than the single worst case. */
export const FULL_SAMPLES: Samples = {
  pageRounds: 30, facetRounds: 5, chainRounds: 5, keytrailRuns: 10, duckdbQuestionRuns: 1,
  liveFiles: 40, liveEventsPerFile: 20, launches: 5, keyIntervalMs: 100, keyFilters: 5, keyRepeats: 1, liveGapMs: 250, settleMs: 1500,
};

/** `--quick`: one or two samples of everything, to check that the harness works (the smoke test). */
export const QUICK_SAMPLES: Samples = {
  pageRounds: 2, facetRounds: 1, chainRounds: 1, keytrailRuns: 2, duckdbQuestionRuns: 1,
  liveFiles: 3, liveEventsPerFile: 5, launches: 1, keyIntervalMs: 20, keyFilters: 1, keyRepeats: 0.1, liveGapMs: 50, settleMs: 300,
};
