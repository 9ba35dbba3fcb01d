import { runChild } from './child.js';
import { DUCKDB_SKIPPED, locateDuckdb, type DuckdbInput, type DuckdbResult } from './duckdb-questions.js';
import { formatMs, formatSeconds } from './format.js';
import { askJq, jqAvailable, jqCommandLine } from './jq-questions.js';
import { askKeytrail, askKeytrailProcess, keytrailCommandFor } from './keytrail-questions.js';
import type { Answer, Question } from './questions.js';
import type { DuckdbSummary, QuestionResult, Skipped } from './results.js';
import type { Samples } from './samples.js';
import { median } from './stats.js';

export interface QuestionOptions {
  dir: string;
  db: string;
  runs: number;
  samples: Samples;
  skipJq: boolean;
  skipDuckdb: boolean;
  log: (line: string) => void;
}

/** DuckDB loads in `runs` fresh processes; each asks every question `duckdbQuestionRuns` times. */
async function runDuckdb(questions: Question[], options: QuestionOptions): Promise<DuckdbResult[] | Skipped> {
  if (options.skipDuckdb) return { skipped: 'skipped: --skip-duckdb' };
  const modulePath = locateDuckdb();
  if (!modulePath) return { skipped: DUCKDB_SKIPPED };
  const results: DuckdbResult[] = [];
  for (let run = 0; run < options.runs; run++) {
    const input: DuckdbInput = { modulePath, dir: options.dir, questions, runs: options.samples.duckdbQuestionRuns };
    const { result } = await runChild<DuckdbResult>('duckdb', input);
    options.log(`  DuckDB load ${run + 1}/${options.runs}: ${formatSeconds(result.loadSeconds)}`);
    results.push(result);
  }
  return results;
}

function duckdbSummary(runs: DuckdbResult[] | Skipped): DuckdbSummary | Skipped {
  if ('skipped' in runs) return runs;
  return {
    version: runs[0]!.version, runs: runs.length, loadSeconds: median(runs.map((run) => run.loadSeconds)),
    eventsPerSecond: Math.round(median(runs.map((run) => run.eventsPerSecond))), peakRssBytes: Math.max(...runs.map((run) => run.peakRssBytes)),
  };
}

function duckdbAnswer(runs: DuckdbResult[] | Skipped, id: string): QuestionResult['duckdb'] {
  if ('skipped' in runs) return { skipped: 'skipped' };
  const answers = runs.map((run) => run.questions.find((question) => question.id === id)!);
  return { medianMs: Math.round(median(answers.map((answer) => answer.medianMs)) * 100) / 100, answer: answers[0]!.answer };
}

/**
 * The four questions: keytrail first (its first answer comes straight after the
 * ingest), then as a whole process, then one `gzip -dc | jq` pass each, then DuckDB.
 */
export async function runQuestions(questions: Question[], options: QuestionOptions): Promise<{ questions: QuestionResult[]; duckdb: DuckdbSummary | Skipped }> {
  const keytrail = questions.map((question) => askKeytrail(options.db, question, options.samples.keytrailRuns));
  const processes: Array<{ ms: number; answer: Answer }> = [];
  for (const question of questions) processes.push(await askKeytrailProcess(question, options.db));
  const jqSkip = options.skipJq ? 'skipped: --skip-jq' : jqAvailable() ? null : 'skipped: jq is not installed';
  const jq: QuestionResult['jq'][] = [];
  for (const question of questions) {
    if (jqSkip) {
      jq.push({ skipped: jqSkip });
      continue;
    }
    const run = await askJq(options.dir, question);
    options.log(`  jq ${question.id}: ${formatSeconds(run.seconds)} (keytrail ${formatMs(keytrail[questions.indexOf(question)]!.medianMs)})`);
    jq.push(run);
  }
  const duckdbRuns = await runDuckdb(questions, options);
  return {
    questions: questions.map((question, index) => ({
      id: question.id, title: question.title, filter: question.filter, jqCommand: jqCommandLine(question), expected: question.expected,
      keytrail: keytrail[index]!,
      keytrailProcess: { ...processes[index]!, command: `keytrail ${keytrailCommandFor(question, 'INDEX').join(' ')}` },
      jq: jq[index]!, duckdb: duckdbAnswer(duckdbRuns, question.id),
    })),
    duckdb: duckdbSummary(duckdbRuns),
  };
}
