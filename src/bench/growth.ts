import { formatCount, formatMs, formatRatio } from './format.js';
import { isSkipped, type BenchResults } from './results.js';

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
