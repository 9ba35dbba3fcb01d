import { spawn } from 'node:child_process';
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
export function runChild<T>(task: string, input: unknown, env: NodeJS.ProcessEnv = process.env): Promise<ChildRun<T>> {
  const started = performance.now();
  const child = spawn(process.execPath, benchChildArgs(task, input), { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`bench child ${task} exited with ${code}:\n${stderr.slice(-2000)}`));
      try {
        resolve({ result: JSON.parse(last) as T, wallMs });
      } catch {
        reject(new Error(`bench child ${task} printed no result:\n${stdout.slice(-1000)}\n${stderr.slice(-1000)}`));
      }
    });
  });
}

/** Peak resident memory of this process so far, in bytes (worker threads included). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
