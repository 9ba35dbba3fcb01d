import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireWriterLock, IndexBusyError, takeOverStale } from '../../src/indexer/writer-lock.js';

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

  // A writer killed with SIGKILL whose parent has not reaped it yet still answers kill(pid, 0).
  it.skipIf(process.platform !== 'linux')('takes over the lock of a writer killed a moment ago, not yet reaped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    // The shell's background child exits at once; the shell becomes sleep, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number((await new Promise<string>((done) => parent.stdout.once('data', (data: Buffer) => done(String(data))))).trim());
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.[0];
      for (let wait = 0; wait < 100 && state() !== 'Z'; wait++) await new Promise((done) => setTimeout(done, 20));
      expect(state()).toBe('Z');
      expect(() => process.kill(zombie, 0)).not.toThrow();
      writeFileSync(`${db}.lock`, String(zombie));
      acquireWriterLock(db).release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('says how to clear a lock whose process is not keytrail', () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    writeFileSync(`${db}.lock`, String(process.ppid));
    expect(() => acquireWriterLock(db)).toThrow(`remove ${db}.lock`);
  });

  it('a rerun that found the lock stale does not delete the lock another rerun took over meanwhile', () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    // Both saw the dead owner; the other rerun already replaced the lock with its own (a live pid).
    writeFileSync(`${db}.lock`, String(process.ppid));
    takeOverStale(`${db}.lock`, dead);
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(String(process.ppid));
    expect(() => acquireWriterLock(db)).toThrow(IndexBusyError);
    // The dead owner's lock itself is cleared.
    writeFileSync(`${db}.lock`, String(dead));
    takeOverStale(`${db}.lock`, dead);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('clears a stale lock only under the break lock: never while another rerun breaks it, and a dead breaker\'s is cleared', () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(`${db}.lock`, String(dead));
    // Another live rerun is breaking it right now: this one leaves both files alone.
    writeFileSync(`${db}.lock.break`, String(process.ppid));
    takeOverStale(`${db}.lock`, dead);
    expect([existsSync(`${db}.lock`), existsSync(`${db}.lock.break`)]).toEqual([true, true]);
    // That breaker died: its break lock goes, and the next attempt takes the stale lock over.
    writeFileSync(`${db}.lock.break`, String(dead));
    acquireWriterLock(db).release();
    expect([existsSync(`${db}.lock`), existsSync(`${db}.lock.break`)]).toEqual([false, false]);
  });

  it('release leaves a lock another writer holds', () => {
    dir = mkdtempSync(join(tmpdir(), 'keytrail-lock-'));
    const db = join(dir, 'index.db');
    const lock = acquireWriterLock(db);
    writeFileSync(`${db}.lock`, String(process.ppid));
    lock.release();
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(String(process.ppid));
  });
});

