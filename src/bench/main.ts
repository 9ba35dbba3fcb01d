import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runChildTask } from './child-tasks.js';
import { MEASUREMENT_HEADERS, QUESTION_HEADERS, measurementRows, questionRows } from './measurement-rows.js';
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { performanceDoc, targetRows } from './performance-doc.js';
import type { BenchResults } from './results.js';
import { runBench } from './run-bench.js';
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
    .filter((other) => other.version === 1 && other.tree.events !== events);
}

/** An earlier run's figures, with the targets judged again (their wording or thresholds may have changed since). */
function reread(path: string): BenchResults {
  const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  return { ...results, targets: evaluateTargets(results) };
}

function printTables(results: BenchResults): void {
  const out = (text: string) => process.stdout.write(`${text}\n\n`);
  out(textTable([...MEASUREMENT_HEADERS], measurementRows(results)));
  out(textTable([...QUESTION_HEADERS], questionRows(results)));
  out(textTable(['target', 'goal', 'measured', 'verdict'], targetRows(results)));
}

function writeOutputs(options: BenchOptions, results: BenchResults): void {
  const resultsDir = dirname(options.resultsPath);
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(options.resultsPath, json);
  writeFileSync(join(resultsDir, `results-${results.tree.events}.json`), json);
  log(`results: ${options.resultsPath}`);
  if (!options.docPath) {
    log('PERFORMANCE.md not written: runs under 1,000,000 events only write it with --doc FILE');
    return;
  }
  mkdirSync(dirname(options.docPath), { recursive: true });
  writeFileSync(options.docPath, performanceDoc(results, otherSizes(resultsDir, results.tree.events)));
  log(`document: ${options.docPath}`);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'child') {
    await runChildTask(argv[1] ?? '', argv[2] ?? '{}');
    return 0;
  }
  const options = parseBenchOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
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
