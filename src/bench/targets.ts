import { formatCount, formatMiB, formatMs, formatRate, formatRatio, formatSeconds } from './format.js';
import { isSkipped, type BenchResults, type QuestionResult, type Skipped, type WorkbenchResults } from './results.js';
import type { LatencySummary } from './stats.js';

/** One target of docs/PERFORMANCE.md, as this run measured it. */
export interface TargetVerdict {
  id: string;
  what: string;
  target: string;
  measured: string;
  /** null when this run could not measure it (a tool missing, a section skipped). */
  met: boolean | null;
  verdict: string;
}

type Inputs = Omit<BenchResults, 'targets'>;
export type Check = Omit<TargetVerdict, 'id' | 'what' | 'target'>;

export function atLeast(value: number, goal: number, measured: string, format: (value: number) => string): Check {
  if (value >= goal) return { measured, met: true, verdict: 'met' };
  // Down: a miss is never "100% of the target".
  return { measured, met: false, verdict: `missed by ${format(goal - value)} (${Math.floor((value / goal) * 100)}% of the target)` };
}

export function atMost(value: number, goal: number, measured: string, format: (value: number) => string): Check {
  if (value <= goal) return { measured, met: true, verdict: 'met' };
  return { measured, met: false, verdict: `missed by ${format(value - goal)} (${formatRatio(value / goal)} the target)` };
}

const notMeasured = (why: string): Check => ({ measured: '-', met: null, verdict: `not measured: ${why.replace(/^(skipped|not measured): /, '')}` });

function jqSeconds(question: QuestionResult): number | null {
  return isSkipped(question.jq) ? null : question.jq.seconds;
}

function ingestChecks(results: Inputs): Record<string, Check> {
  const { ingest, duckdb } = results;
  if (isSkipped(ingest)) {
    const skipped = notMeasured(ingest.skipped);
    return { rate: skipped, duckdb: skipped, parse: skipped, size: skipped, newestHour: skipped };
  }
  const run = ingest.median;
  const hour = run.newestHour;
  const rate = run.eventsPerSecond;
  const parse = ingest.readRate.medianEventsPerSecond;
  return {
    rate: atLeast(rate, 100_000, `${formatRate(rate)} (${formatCount(run.events)} events in ${formatSeconds(run.seconds)})`, formatRate),
    duckdb: isSkipped(duckdb) ? notMeasured(duckdb.skipped)
      : atLeast(rate / duckdb.eventsPerSecond, 1, `${formatRatio(rate / duckdb.eventsPerSecond)} (DuckDB ${formatRate(duckdb.eventsPerSecond)})`, formatRatio),
    parse: atLeast(rate / parse, 0.85, `${formatRatio(rate / parse)} (read+gunzip+parse ${formatRate(parse)})`, formatRatio),
    size: atMost(run.dbBytes / run.events, 600, `${formatCount(run.dbBytes / run.events)} B/event (${formatMiB(run.dbBytes)})`, (value) => `${formatCount(value)} B`),
    newestHour: hour === undefined ? notMeasured('no file of the tree names its delivery time, or an older results file')
      : atMost(hour.answeredAfterMs / 1000, 3, `${formatSeconds(hour.answeredAfterMs / 1000)} (${formatCount(hour.events)} events since `
        + `${hour.since}; covered at ${formatSeconds(hour.coveredAfterMs / 1000)} of a ${formatSeconds(run.seconds)} scan)`, formatSeconds),
  };
}

function questionChecks(results: Inputs): Record<string, Check> {
  const { questions, ingest } = results;
  if (isSkipped(questions)) return { ratio: notMeasured(questions.skipped), first: notMeasured(questions.skipped) };
  const withJq = questions.filter((question) => jqSeconds(question) !== null);
  if (withJq.length === 0) return { ratio: notMeasured('jq was not run'), first: notMeasured('jq was not run') };
  const ratios = withJq.map((question) => ({ question, ratio: (jqSeconds(question)! * 1000) / question.keytrail.medianMs }));
  const slowest = ratios.reduce((worst, item) => (item.ratio < worst.ratio ? item : worst));
  const ratio = atLeast(slowest.ratio, 1000, `${formatRatio(slowest.ratio)} faster at worst (${slowest.question.id}: `
    + `${formatMs(slowest.question.keytrail.medianMs)} vs ${formatSeconds(jqSeconds(slowest.question)!)})`, formatRatio);
  if (isSkipped(ingest)) return { ratio, first: notMeasured(ingest.skipped) };
  // Against the quickest jq question: the hardest comparison for keytrail.
  const quickest = withJq.reduce((best, question) => (jqSeconds(question)! < jqSeconds(best)! ? question : best));
  const total = ingest.median.seconds + quickest.keytrail.firstMs / 1000;
  const first = atMost(total, jqSeconds(quickest)!, `${formatSeconds(total)} vs one jq pass ${formatSeconds(jqSeconds(quickest)!)} (${quickest.id})`, formatSeconds);
  return { ratio, first };
}

/** A p99 target: the p99 against the goal, with the p50 (and anything else worth saying) beside it. */
function p99Check<T>(value: T | Skipped, summaryOf: (value: T) => LatencySummary, goal: number, extra: (value: T) => string = () => ''): Check {
  if (isSkipped(value)) return notMeasured(value.skipped);
  const summary = summaryOf(value);
  return atMost(summary.p99, goal, `p99 ${formatMs(summary.p99)} (p50 ${formatMs(summary.p50)}${extra(value)})`, formatMs);
}

function firstFrameCheck(workbench: WorkbenchResults | Skipped): Check {
  if (isSkipped(workbench)) return notMeasured(workbench.skipped);
  const { firstFrame, firstRows } = workbench.firstFrame;
  return atMost(firstFrame.p50, 300, `${formatMs(firstFrame.p50)} median (rows at ${formatMs(firstRows.p50)})`, formatMs);
}

function memoryCheck(results: Inputs): Check {
  const peaks: Array<[string, number]> = [];
  if (!isSkipped(results.ingest)) peaks.push(['ingest', Math.max(...results.ingest.runs.map((run) => run.peakRssBytes))]);
  if (!isSkipped(results.workbench)) peaks.push(['workbench', results.workbench.keys.peakRssBytes]);
  if (peaks.length === 0) return notMeasured('neither the ingest nor the workbench ran');
  const worst = Math.max(...peaks.map(([, bytes]) => bytes));
  return atMost(worst / 2 ** 20, 300, peaks.map(([what, bytes]) => `${what} ${formatMiB(bytes)}`).join(', '), (value) => `${value.toFixed(0)} MiB`);
}

/** Every target, in its order, each met or missed by how much. */
export function evaluateTargets(results: Inputs): TargetVerdict[] {
  const ingest = ingestChecks(results);
  const questions = questionChecks(results);
  const rows: Array<[string, string, string, Check]> = [
    ['ingest-rate', 'cold ingest (worker, empty index)', '>= 100,000 ev/s (1M in <= 10 s)', ingest.rate!],
    ['ingest-vs-duckdb', 'cold ingest vs DuckDB load (JSON[])', '>= 1x', ingest.duckdb!],
    ['ingest-vs-parse', 'cold ingest vs one-core read+gunzip+parse', '>= 0.85x', ingest.parse!],
    ['question-vs-jq', 'a question after ingest vs gzip -dc | jq', '>= 1,000x faster', questions.ratio!],
    ['index-plus-answer', 'index + first answer vs one jq pass', 'faster', questions.first!],
    ['newest-hour', 'the newest hour answered, marked complete (newest deliveries first)', '<= 3 s after start', ingest.newestHour!],
    ['page', 'windowed page (50 rows), any filter', 'p99 <= 10 ms', p99Check(results.pages, (pages) => pages.overall, 10,
      (pages) => `, worst case p99 ${formatMs(Math.max(...pages.cases.map((item) => item.latency.p99)))}`)],
    ['facets', 'facet counts under a filter', 'p99 <= 200 ms', p99Check(results.facets, (facets) => facets.overall, 200)],
    ['chain', 'chain of an event', 'p99 <= 50 ms', p99Check(results.chains, (chains) => chains.latency, 50)],
    ['live-tail', 'live tail: file written to events queryable', 'p99 <= 1 s', p99Check(results.liveTail, (live) => live.latency, 1000)],
    ['first-frame', 'cold start to first frame', '<= 300 ms', firstFrameCheck(results.workbench)],
    ['keypress', 'keypress to frame (paging, filtering)', 'p99 <= 16 ms',
      p99Check(results.workbench, (workbench) => workbench.keys.overall, 16, (workbench) => `, ${workbench.keys.keys} keys`)],
    ['db-size', 'index size, full raw event kept', '<= 600 B/event', ingest.size!],
    ['memory', 'peak RSS', '<= 300 MiB', memoryCheck(results)],
  ];
  return rows.map(([id, what, target, check]) => ({ id, what, target, ...check }));
}
