import { formatCount, formatLatency, formatMiB, formatMs, formatRate, formatRatio, formatSeconds } from './format.js';
import type { Answer } from './questions.js';
import type { ChainLatency } from './aggregate-latency.js';
import type { DetectionPass } from './detection-pass.js';
import type { IngestRun } from './ingest-child.js';
import type { LiveTailResult } from './live-tail.js';
import { isSkipped, type BenchResults, type QuestionResult, type WorkbenchResults } from './results.js';

export const MEASUREMENT_HEADERS = ['measurement', 'result'] as const;
export const QUESTION_HEADERS = ['question', 'keytrail (in-process)', 'keytrail (whole process)', 'gzip -dc | jq', 'DuckDB', 'answers'] as const;

type Row = [string, string];

/** The highest peak of the runs, and what it was when the first scan ended (detections may run after it). */
function ingestPeak(runs: readonly IngestRun[]): string {
  const peak = formatMiB(Math.max(...runs.map((run) => run.peakRssBytes)));
  const atScanEnd = runs.map((run) => run.peakRssAtScanEndBytes).filter((bytes): bytes is number => bytes !== undefined);
  return atScanEnd.length === 0 ? peak : `${peak} (${formatMiB(Math.max(...atScanEnd))} when the first scan ended)`;
}

function ingestRows(results: BenchResults): Row[] {
  const { ingest, duckdb } = results;
  const duckdbRow: Row = ['DuckDB load (Records: JSON[])', isSkipped(duckdb) ? duckdb.skipped
    : `${formatSeconds(duckdb.loadSeconds)}, ${formatRate(duckdb.eventsPerSecond)}, peak RSS ${formatMiB(duckdb.peakRssBytes)} (median of ${duckdb.runs})`];
  if (isSkipped(ingest)) return [['cold ingest', ingest.skipped], ['read + gunzip + JSON.parse, one core', ingest.skipped], duckdbRow];
  const run = ingest.median;
  return [
    ['cold ingest (worker mode, empty index)', `${formatSeconds(run.seconds)}, ${formatRate(run.eventsPerSecond)} (${ingest.runs.length % 2 === 0 ? 'slower' : 'median'} of `
      + `${ingest.runs.length}: ${ingest.runs.map((item) => formatSeconds(item.seconds)).join(', ')})`],
    ['index size', `${formatMiB(run.dbBytes)}, ${formatCount(run.dbBytes / run.events)} B/event`],
    ['ingest peak RSS', ingestPeak(ingest.runs)],
    ['read + gunzip + JSON.parse, one core', `${formatRate(ingest.readRate.medianEventsPerSecond)} (${ingest.readRate.runs.length % 2 === 0 ? 'mean' : 'median'} of ${ingest.readRate.runs.length})`],
    duckdbRow,
  ];
}

function latencyRow<T>(what: string, value: T | { skipped: string }, describe: (value: T) => string): Row {
  return [what, isSkipped(value) ? value.skipped : describe(value as T)];
}

const describeChains = (chains: ChainLatency): string => `${formatLatency(chains.latency)} (${chains.origins} origins, median ${chains.medianEvents}`
  + ` events, max ${chains.maxEvents}; slowest: ${chains.slowest.map((slow) => `${slow.eventName ?? '?'} ${formatMs(slow.medianMs)}`).join(', ')})`;

const describeDetections = (pass: DetectionPass): string => `${formatMs(pass.medianMs)} (median of ${pass.runs}; ${formatCount(pass.events)} events,`
  + ` ${pass.rules} rules, ${formatCount(pass.hits)} hits)`;

const describeLive = (live: LiveTailResult): string => `${formatLatency(live.latency)} (${live.files} files of ${live.eventsPerFile} events`
  + `${live.missed ? `, ${live.missed} never seen` : ''})`;

const describeKeys = ({ keys }: WorkbenchResults): string => `${formatLatency(keys.overall)} (${keys.keys} keys, ${keys.framesPerKey} frames per key`
  + `${keys.noFrame ? `, ${keys.noFrame} without a frame` : ''})`;

/** Every measurement of the run, one line each: the table `npm run bench` prints first. */
export function measurementRows(results: BenchResults): Row[] {
  const { workbench } = results;
  return [
    ...ingestRows(results),
    latencyRow('windowed page, 50 rows, all filters and places', results.pages, (pages) => `${formatLatency(pages.overall)} (${pages.overall.n} pages)`),
    latencyRow('facet counts under a filter', results.facets, (facets) => `${formatLatency(facets.overall)} (${facets.overall.n} counts)`),
    latencyRow('chain of an event', results.chains, describeChains),
    latencyRow('full detection pass', results.detections, describeDetections),
    latencyRow('live tail: last write to queryable', results.liveTail, describeLive),
    latencyRow('workbench: cold start to first frame', workbench, (view) => `${formatLatency(view.firstFrame.firstFrame)} (${view.firstFrame.firstFrame.n} launches${view.firstFrame.failed ? `, ${view.firstFrame.failed} drew nothing` : ''})`),
    latencyRow('workbench: cold start to first rows', workbench, (view) => formatLatency(view.firstFrame.firstRows)),
    latencyRow('workbench: keypress to frame', workbench, describeKeys),
    latencyRow('workbench: key handed to ink to frame', workbench, (view) => formatLatency(view.keys.fromDelivery)),
    latencyRow('workbench peak RSS', workbench, (view) => formatMiB(view.keys.peakRssBytes)),
  ];
}

const describeAnswer = (answer: Answer): string =>
  (answer.groups === undefined ? formatCount(answer.events) : `${formatCount(answer.events)}/${formatCount(answer.groups)}`);
const sameAnswer = (a: Answer, b: Answer): boolean => a.events === b.events && a.groups === b.groups;

/** Whether the tools agree: every answer that was computed, side by side with the generator's count. */
function answersCell(question: QuestionResult): string {
  const answers: Array<[string, Answer]> = [['keytrail', question.keytrail.answer]];
  if (!isSkipped(question.jq)) answers.push(['jq', question.jq.answer]);
  if (!isSkipped(question.duckdb)) answers.push(['duckdb', question.duckdb.answer]);
  const agree = answers.every(([, answer]) => sameAnswer(answer, question.keytrail.answer));
  const expected = question.expected ? `; generator ${describeAnswer(question.expected)}` : '';
  if (agree) return `all ${describeAnswer(question.keytrail.answer)}${expected}`;
  return `${answers.map(([tool, answer]) => `${tool} ${describeAnswer(answer)}`).join(', ')}${expected}`;
}

/** The four questions three ways: the second table. */
export function questionRows(results: BenchResults): string[][] {
  if (isSkipped(results.questions)) return [[results.questions.skipped, '', '', '', '', '']];
  return results.questions.map((question) => {
    const jq = isSkipped(question.jq) ? question.jq.skipped : formatSeconds(question.jq.seconds);
    const ratio = isSkipped(question.jq) ? '' : ` (jq/keytrail ${formatRatio((question.jq.seconds * 1000) / question.keytrail.medianMs)})`;
    return [
      question.title,
      `${formatMs(question.keytrail.medianMs)}${ratio}`,
      formatMs(question.keytrailProcess.ms),
      jq,
      isSkipped(question.duckdb) ? 'skipped' : formatMs(question.duckdb.medianMs),
      answersCell(question),
    ];
  });
}
