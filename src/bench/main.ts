import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { holdHeapsNearLiveSize } from '../indexer/heap-growth.js';
import { runChildTask } from './child-tasks.js';
import { MEASUREMENT_HEADERS, QUESTION_HEADERS, measurementRows, questionRows } from './measurement-rows.js';
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { performanceDoc, targetRows } from './performance-doc.js';
import type { BenchResults } from './results.js';
import { runBench } from './run-bench.js';
import { runS3Bench } from './run-s3-bench.js';
import { evaluateS3Targets, type S3Results } from './s3-results.js';
import { keepingS3Section, s3MeasurementRows, s3Section, withS3Section } from './s3-doc.js';
import { textTable } from './table.js';
import { evaluateTargets } from './targets.js';

/**
 * `npm run bench`: keytrail against gzip -dc | jq and DuckDB on a generated tree.
 * Also the entry of its own child processes (`child TASK INPUT`).
 */
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Results of other index sizes from earlier runs (bench-out/results-N.json), for the growth table. */
function otherSizes(resultsDir: string, events: number): BenchResults[] {
  let names: string[] = [];
  try {
    names = readdirSync(resultsDir).filter((name) => /^results-\d+\.json$/.test(name));
  } catch {
    return [];
  }
  return names
    .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as BenchResults)
    .filter((other) => other.version === 1 && other.tree.events !== events)
    .map((other) => ({ ...other, targets: evaluateTargets(other) }));
}

/** An earlier run's figures, with the targets judged again (their wording or thresholds may have changed since). */
function reread(path: string): BenchResults {
  const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults | S3Results;
  if ('shape' in results) throw new Error(`${path} holds the results of a --shape s3 run: add --shape s3`);
  return { ...results, targets: evaluateTargets(results) };
}

const out = (text: string) => process.stdout.write(`${text}\n\n`);
const TARGET_HEADERS = ['target', 'goal', 'measured', 'verdict'];

function printTables(results: BenchResults): void {
  out(textTable([...MEASUREMENT_HEADERS], measurementRows(results)));
  out(textTable([...QUESTION_HEADERS], questionRows(results)));
  out(textTable(TARGET_HEADERS, targetRows(results)));
}

function writeResults(path: string, results: BenchResults | S3Results): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${path}`);
}

const existingDoc = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);

/** Writes `doc` to the document's path, or says why there is none. */
function writeDoc(docPath: string | null, doc: (existing: string | null) => string, documented: string): void {
  if (!docPath) {
    log(`PERFORMANCE.md not written: runs ${documented} only write it with --doc FILE`);
    return;
  }
  mkdirSync(dirname(docPath), { recursive: true });
  writeFileSync(docPath, doc(existingDoc(docPath)));
  log(`document: ${docPath}`);
}

function writeOutputs(options: BenchOptions, results: BenchResults): void {
  writeResults(options.resultsPath, results);
  const resultsDir = dirname(options.resultsPath);
  writeFileSync(join(resultsDir, `results-${results.tree.events}.json`), `${JSON.stringify(results, null, 2)}\n`);
  // The small-files section comes from its own run: kept as the last s3 run wrote it.
  writeDoc(options.docPath, (existing) => keepingS3Section(performanceDoc(results, otherSizes(resultsDir, results.tree.events)), existing), 'under 1,000,000 events');
}

/** An earlier s3 run's figures, with its targets judged again. */
function rereadS3(path: string): S3Results {
  const results = JSON.parse(readFileSync(path, 'utf8')) as S3Results;
  if (results.shape !== 's3') throw new Error(`${path} holds no --shape s3 results`);
  return { ...results, targets: evaluateS3Targets(results) };
}

async function runSmallFiles(options: BenchOptions): Promise<void> {
  const results = options.fromResults ? rereadS3(options.fromResults) : await runS3Bench(options, log);
  out(textTable([...MEASUREMENT_HEADERS], s3MeasurementRows(results)));
  out(textTable(TARGET_HEADERS, targetRows(results)));
  writeResults(options.resultsPath, results);
  writeDoc(options.docPath, (existing) => withS3Section(existing, s3Section(results)), 'of the s3 shape under 30,000 files');
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'child') {
    // Children measure keytrail as its command line runs it.
    holdHeapsNearLiveSize();
    await runChildTask(argv[1] ?? '', argv[2] ?? '{}');
    return 0;
  }
  const options = parseBenchOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.shape === 's3') {
    await runSmallFiles(options);
    return 0;
  }
  const results = options.fromResults ? reread(options.fromResults) : await runBench(options, log);
  printTables(results);
  writeOutputs(options, results);
  return 0;
}

main(process.argv.slice(2)).then(
  // Children may leave handles (ink's stdin, a worker) behind: the result is out, so leave.
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
