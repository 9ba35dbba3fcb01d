import { formatCount, formatMs, formatRate, formatRatio } from './format.js';
import { isSkipped, type BenchResults } from './results.js';
import { atLeast, type TargetVerdict } from './targets.js';

/** The figures compared across index sizes, each with how it prints. */
const FIGURES: Array<[string, (results: BenchResults) => number | null, (value: number) => string]> = [
  ['cold ingest, ev/s', (results) => (isSkipped(results.ingest) ? null : results.ingest.median.eventsPerSecond), formatCount],
  ['cold ingest, wall', (results) => (isSkipped(results.ingest) ? null : results.ingest.median.seconds * 1000), formatMs],
  ['index bytes per event', (results) => (isSkipped(results.ingest) ? null : results.ingest.median.dbBytes / results.ingest.median.events), formatCount],
  ['ingest peak RSS, MiB', (results) => (isSkipped(results.ingest) ? null : Math.max(...results.ingest.runs.map((run) => run.peakRssBytes)) / 2 ** 20), formatCount],
  ['slowest question, keytrail', (results) => (isSkipped(results.questions) ? null : Math.max(...results.questions.map((question) => question.keytrail.medianMs))), formatMs],
  ['page p99', (results) => (isSkipped(results.pages) ? null : results.pages.overall.p99), formatMs],
  ['facet counts p99', (results) => (isSkipped(results.facets) ? null : results.facets.overall.p99), formatMs],
  ['chain p99', (results) => (isSkipped(results.chains) ? null : results.chains.latency.p99), formatMs],
  ['full detection pass', (results) => (isSkipped(results.detections) ? null : results.detections.medianMs), formatMs],
  ['live tail p99', (results) => (isSkipped(results.liveTail) ? null : results.liveTail.latency.p99), formatMs],
  ['first frame, median', (results) => (isSkipped(results.workbench) ? null : results.workbench.firstFrame.firstFrame.p50), formatMs],
  ['keypress to frame p99', (results) => (isSkipped(results.workbench) ? null : results.workbench.keys.overall.p99), formatMs],
  ['workbench peak RSS, MiB', (results) => (isSkipped(results.workbench) ? null : results.workbench.keys.peakRssBytes / 2 ** 20), formatCount],
];

/** Rows "figure | size A | size B | B/A" for runs of different sizes, smallest first. */
export function growthRows(runs: readonly BenchResults[]): { headers: string[]; rows: string[][] } {
  const sorted = [...runs].sort((a, b) => a.tree.events - b.tree.events);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const headers = ['figure', ...sorted.map((run) => `${formatCount(run.tree.events)} events`), `growth (${formatRatio(last.tree.events / first.tree.events)} the events)`];
  const rows = FIGURES.map(([name, pick, format]) => {
    const values = sorted.map(pick);
    const from = values[0];
    const to = values.at(-1);
    const growth = from !== null && from !== undefined && to !== null && to !== undefined && from > 0 ? formatRatio(to / from) : '-';
    return [name, ...values.map((value) => (value === null ? '-' : format(value))), growth];
  });
  return { headers, rows };
}

/** Targets that hold at every index size (measured again on a larger run), and the growth of the ingest rate. */
const EVERY_SIZE = new Set(['page', 'facets', 'chain', 'db-size', 'memory']);

/** The verdicts of every run larger than the smallest one, judged against it (`largerSizeTargets`), in any order given. */
export function growthTargets(runs: readonly BenchResults[]): TargetVerdict[] {
  const [smallest, ...larger] = [...runs].sort((a, b) => a.tree.events - b.tree.events);
  return smallest ? larger.flatMap((run) => largerSizeTargets(smallest, run)) : [];
}

/** Growth sits near its 0.9x bound: three decimals, so a miss never reads as 0.90x missed by 0.00x. */
const fineRatio = (ratio: number): string => `${ratio.toFixed(3)}x`;

/**
 * A larger run's verdicts: the ingest rate against the base run's (>= 0.9x), then each every-size
 * target it measured, as that run judged it.
 */
export function largerSizeTargets(base: BenchResults, larger: BenchResults): TargetVerdict[] {
  const rows: TargetVerdict[] = [];
  if (!isSkipped(base.ingest) && !isSkipped(larger.ingest)) {
    const [from, to] = [base.ingest.median.eventsPerSecond, larger.ingest.median.eventsPerSecond];
    rows.push({ id: 'growth', what: `ingest rate at ${formatCount(larger.tree.events)} vs ${formatCount(base.tree.events)} events`, target: '>= 0.9x',
      ...atLeast(to / from, 0.9, `${fineRatio(to / from)} (${formatRate(to)} vs ${formatRate(from)})`, fineRatio) });
  }
  for (const target of larger.targets) {
    if (EVERY_SIZE.has(target.id) && target.met !== null) rows.push({ ...target, what: `${target.what}, ${formatCount(larger.tree.events)} events` });
  }
  return rows;
}
