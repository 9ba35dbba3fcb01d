import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('src/cli.ts');
/** The CLI's state folder for tests: never the user's ~/.local/state. */
const TEST_HOME = mkdtempSync(join(tmpdir(), 'keytrail-home-'));

/** Runs the real CLI from source (tsx), as a user's shell would: separate process, real exit code. */
export function runCli(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, KEYTRAIL_HOME: TEST_HOME, ...env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, KEYTRAIL_HOME: TEST_HOME, ...env }, stdio: 'ignore' });
}
