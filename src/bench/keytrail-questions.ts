import { openIndex, type IndexDb } from '../core/index/open.js';
import { facetCounts } from '../core/query/facets.js';
import { compileFilterOrThrow } from '../core/query/filter-compile.js';
import { iterateEvents } from '../core/query/query-events.js';
import { runProcess } from './process-run.js';
import type { Answer, Question } from './questions.js';
import { keytrailArgs } from './self.js';
import { median } from './stats.js';

export interface KeytrailAnswerRuns {
  answer: Answer;
  /** The first answer after the ingest, on a new connection (what "index, then ask" costs). */
  firstMs: number;
  medianMs: number;
  runs: number;
}

/** Every principal: the facet lists them all, as `jq | group_by` does. */
const ALL_VALUES = 1_000_000;

function answer(db: IndexDb, question: Question): Answer {
  const filter = compileFilterOrThrow(db, question.filter);
  if (question.shape === 'facet') {
    const values = facetCounts(db, filter, 'principal', ALL_VALUES);
    return { events: values.reduce((sum, value) => sum + value.count, 0), groups: values.length };
  }
  let events = 0;
  for (const _row of iterateEvents(db, filter)) events++;
  return { events };
}

/** The question through the core, as the workbench asks it: each run opens the index anew. */
export function askKeytrail(dbPath: string, question: Question, runs: number): KeytrailAnswerRuns {
  const times: number[] = [];
  let last: Answer = { events: 0 };
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const db = openIndex(dbPath, { readonly: true });
    try {
      last = answer(db, question);
    } finally {
      db.close();
    }
    times.push(performance.now() - started);
  }
  return { answer: last, firstMs: round(times[0]!), medianMs: round(median(times)), runs };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** argv of the headless command that answers the question (what a responder types). */
export function keytrailCommandFor(question: Question, dbPath: string): string[] {
  const common = ['--db', dbPath, '--json', '--limit', '0'];
  return question.shape === 'facet' ? ['facets', 'principal', question.filter, ...common] : ['query', question.filter, ...common];
}

/** The same question as a whole `keytrail` process (node start-up included), counting its JSON lines. */
export async function askKeytrailProcess(question: Question, dbPath: string): Promise<{ ms: number; answer: Answer }> {
  const run = await runProcess(process.execPath, keytrailArgs(keytrailCommandFor(question, dbPath)));
  if (run.code !== 0) throw new Error(`keytrail ${question.id} exited with ${run.code}: ${run.stderr.slice(-500)}`);
  const lines = run.stdout.split('\n').filter(Boolean);
  // Facet lines carry a count per principal; query lines are one event each.
  const answer: Answer = question.shape === 'facet'
    ? { events: lines.reduce((sum, line) => sum + (JSON.parse(line) as { count: number }).count, 0), groups: lines.length }
    : { events: lines.length };
  return { ms: round(run.ms), answer };
}
