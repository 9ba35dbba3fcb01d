import { runProcess } from './process-run.js';
import { benchChildArgs } from './self.js';

export interface ChildRun<T> {
  result: T;
  /** The child's wall time, spawn to exit (includes node's start-up). */
  wallMs: number;
}

/**
 * Runs one measurement in a fresh node process (its own heap, its own peak RSS):
 * the child prints its result as the last line of stdout, as JSON.
 */
export async function runChild<T>(task: string, input: unknown, env: NodeJS.ProcessEnv = process.env): Promise<ChildRun<T>> {
  const run = await runProcess(process.execPath, benchChildArgs(task, input), { env });
  if (run.code !== 0) throw new Error(`bench child ${task} exited with ${run.code}:\n${run.stderr.slice(-2000)}`);
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return { result: JSON.parse(last) as T, wallMs: run.ms };
  } catch {
    throw new Error(`bench child ${task} printed no result:\n${run.stdout.slice(-1000)}\n${run.stderr.slice(-1000)}`);
  }
}

/** Peak resident memory of this process so far, in bytes (worker threads included). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
