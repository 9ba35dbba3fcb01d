import { spawn, spawnSync } from 'node:child_process';
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
export function askJq(dir: string, question: Question): Promise<JqRun> {
  const jqArgs = ['-c', ...(question.jq.slurp ? ['-n'] : []), ...Object.entries(question.jq.args).flatMap(([name, value]) => ['--arg', name, value]), question.jq.program];
  const started = performance.now();
  const child = spawn('sh', ['-c', PIPELINE, 'sh', dir, ...jqArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = Math.round(((performance.now() - started) / 1000) * 100) / 100;
      if (code !== 0) return reject(new Error(`jq (${question.id}) exited with ${code}: ${errors.slice(-500)}`));
      const lines = output.split('\n').filter(Boolean);
      const answer: Answer = question.jq.slurp ? (JSON.parse(lines[0] ?? '{"events":0}') as Answer) : { events: lines.length };
      resolve({ seconds, answer });
    });
  });
}
