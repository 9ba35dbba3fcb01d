import { spawnSync } from 'node:child_process';
import { runProcess } from './process-run.js';
import type { Answer, Question } from './questions.js';

export interface JqRun {
  seconds: number;
  answer: Answer;
}

export function jqAvailable(): boolean {
  return spawnSync('jq', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Every delivery file of the tree, decompressed into one jq: what a responder without an index runs. */
const PIPELINE = 'dir=$1; shift; find "$dir" -name "*.json.gz" -print0 | sort -z | xargs -0 gzip -dc | jq "$@"';

export function jqCommandLine(question: Question): string {
  const args = Object.entries(question.jq.args).map(([name, value]) => `--arg ${name} '${value}'`).join(' ');
  return `gzip -dc $(find DIR -name '*.json.gz') | jq -c ${question.jq.slurp ? '-n ' : ''}${args} '${question.jq.program}'`;
}

/** One pass of `gzip -dc | jq` over the whole tree for one question. Values reach jq as --arg, never as program text. */
export async function askJq(dir: string, question: Question): Promise<JqRun> {
  const jqArgs = ['-c', ...(question.jq.slurp ? ['-n'] : []), ...Object.entries(question.jq.args).flatMap(([name, value]) => ['--arg', name, value]), question.jq.program];
  const run = await runProcess('sh', ['-c', PIPELINE, 'sh', dir, ...jqArgs]);
  if (run.code !== 0) throw new Error(`jq (${question.id}) exited with ${run.code}: ${run.stderr.slice(-500)}`);
  const lines = run.stdout.split('\n').filter(Boolean);
  const answer: Answer = question.jq.slurp ? (JSON.parse(lines[0] ?? '{"events":0}') as Answer) : { events: lines.length };
  return { seconds: Math.round(run.ms / 10) / 100, answer };
}
