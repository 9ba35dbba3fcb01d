import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireWriterLock, IndexBusyError } from '../../src/indexer/writer-lock.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('one writer per index', () => {
  it('refuses a second writer while the first one runs', () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    writeFileSync(`${db}.lock`, String(process.ppid));
    expect(() => acquireWriterLock(db)).toThrow(IndexBusyError);
    expect(() => acquireWriterLock(db)).toThrow(`pid ${process.ppid}`);
  });

  it('takes over the lock of a writer that died (kill -9), and removes it on release', () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${db}.lock`, dead);
    const lock = acquireWriterLock(db);
    lock.release();
    expect(existsSync(`${db}.lock`)).toBe(false);
    acquireWriterLock(db).release();
  });
});
