import { spawn, type SpawnOptions } from 'node:child_process';

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Spawn to exit, in milliseconds. */
  ms: number;
}

/** Runs a command to its end, collecting its output: every tool the benchmark times as a whole process. */
export function runProcess(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<ProcessRun> {
  const started = performance.now();
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
