import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
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

const ROOT = resolve(import.meta.dirname, '../..');
let builtPackage: string | null = null;

/**
 * The package as a user installs it: the bundle built by scripts/build.mjs (what `npm run
 * build` runs) with bin/ and sample-logs/ beside it, once per test file. It is built in
 * the checkout's ignored .test-build/ (so better-sqlite3 resolves from node_modules),
 * never into dist/, which other tests may be running.
 */
export function builtBinary(): string {
  if (builtPackage) return join(builtPackage, 'bin', 'keytrail.js');
  mkdirSync(join(ROOT, '.test-build'), { recursive: true });
  const root = mkdtempSync(join(ROOT, '.test-build', 'cli-'));
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', join(root, 'dist')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'keytrail.js'), join(root, 'bin', 'keytrail.js'));
  symlinkSync(join(ROOT, 'sample-logs'), join(root, 'sample-logs'));
  builtPackage = root;
  return join(root, 'bin', 'keytrail.js');
}

export function removeBuiltBinary(): void {
  if (builtPackage) rmSync(builtPackage, { recursive: true, force: true });
  builtPackage = null;
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Someone on a fresh machine: an empty $HOME, no KEYTRAIL_* or XDG_* variables, no state folder yet. */
export interface NewUser {
  home: string;
  run(args: string[], options?: { cwd?: string; env?: Record<string, string> }): CliResult;
  cleanup(): void;
}

export function newUser(): NewUser {
  const home = mkdtempSync(join(tmpdir(), 'keytrail-user-'));
  const env: Record<string, string | undefined> = { ...process.env, HOME: home, NO_COLOR: '1' };
  for (const name of Object.keys(env)) if (name.startsWith('KEYTRAIL_') || name.startsWith('XDG_')) delete env[name];
  const binary = builtBinary();
  return {
    home,
    run(args, options = {}) {
      const result = spawnSync(process.execPath, [binary, ...args], {
        encoding: 'utf8', cwd: options.cwd ?? ROOT, env: { ...env, ...options.env }, maxBuffer: 64 * 1024 * 1024,
      });
      return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** A new user who has run `keytrail index DIR` once (the folder's default index). */
export function userWhoIndexed(logs: string): NewUser {
  const user = newUser();
  const result = user.run(['index', logs]);
  if (result.status !== 0) throw new Error(`keytrail index ${logs} exited ${result.status}: ${result.stderr}`);
  return user;
}
