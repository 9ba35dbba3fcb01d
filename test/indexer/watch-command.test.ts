import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { numberedEvents, waitFor } from './live-helpers.js';

let scratch: Scratch;
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
  scratch.cleanup();
});

/** `keytrail watch` as a user starts it, with its output collected as it comes. */
function watch(args: string[]): { process: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string } {
  const env = { ...process.env, KEYTRAIL_HOME: join(scratch.root, 'home') };
  const started = spawn(process.execPath, ['--import', 'tsx', resolve('src/cli.ts'), 'watch', ...args], { env });
  let stdout = '';
  let stderr = '';
  started.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  started.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child = started;
  return { process: started, stdout: () => stdout, stderr: () => stderr };
}

describe('keytrail watch', () => {
  it('prints one JSON line per committed batch, and exits 0 on SIGINT', async () => {
    scratch = makeScratch();
    const db = join(scratch.root, 'watch.db');
    const run = watch([scratch.logs, '--db', db, '--json']);
    scratch.write('first.json', recordsFile([...numberedEvents('w', 3), numberedEvents('w', 1)[0]]));
    const line = await waitFor('a batch line', () => run.stdout().split('\n')[0] || undefined, 20_000);
    const batch = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(batch)).toEqual(['at', 'file', 'added', 'duplicates', 'rejected', 'totalEvents']);
    expect(batch).toMatchObject({ file: 'first.json', added: 3, duplicates: 1, rejected: 0, totalEvents: 3 });
    expect(Date.parse(batch.at as string)).not.toBeNaN();
    const exited = once(run.process, 'exit');
    run.process.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
  }, 30_000);

  it('still stops on SIGINT after the log folder vanished', async () => {
    scratch = makeScratch();
    const run = watch([scratch.logs, '--db', join(scratch.root, 'watch.db')]);
    scratch.write('first.json', recordsFile(numberedEvents('v', 1)));
    await waitFor('the first batch', () => run.stdout().includes('first.json') || undefined, 20_000);
    rmSync(scratch.logs, { recursive: true });
    await waitFor('the report', () => run.stderr().includes('the log folder is gone') || undefined, 20_000);
    const exited = once(run.process, 'exit');
    run.process.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
  }, 30_000);

  it('shows hostile file names inert, and refuses a second writer on the same index', async () => {
    scratch = makeScratch();
    const db = join(scratch.root, 'watch.db');
    const run = watch([scratch.logs, '--db', db]);
    scratch.write('evil\u001b[2J\u001b]0;owned\u0007.json', recordsFile(numberedEvents('evil', 1)));
    const line = await waitFor('the batch line', () => run.stdout().split('\n').find((text) => text.includes('evil')), 20_000);
    expect(line).toContain('evil\\x1b[2J\\x1b]0;owned\\x07.json');
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    const second = runCli(['watch', scratch.logs, '--db', db], { KEYTRAIL_HOME: join(scratch.root, 'home') });
    expect(second.status).toBe(75);
    expect(second.stderr).toMatch(/another keytrail \(pid \d+\) is writing/);
  }, 30_000);

  it('rejects a missing folder with a usage error', () => {
    scratch = makeScratch();
    const result = runCli(['watch', join(scratch.root, 'nowhere')], { KEYTRAIL_HOME: join(scratch.root, 'home') });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`keytrail watch: no folder ${join(scratch.root, 'nowhere')}: nothing to watch\n`);
  });
});
