import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordsFile } from '../helpers/temp-index.js';
import { eventCountIn, numberedEvents, pause, readIndex, useLiveTest, waitFor } from './live-helpers.js';

const live = useLiveTest();

const isRoot = process.getuid?.() === 0;
const records = (prefix: string, count: number) => recordsFile(numberedEvents(prefix, count));

describe('bad inputs while watching', () => {
  it('reports a symlink loop, indexes the real files, and keeps watching', async () => {
    const { scratch } = live;
    scratch.write('a/one.json', records('one', 2));
    symlinkSync('..', join(scratch.logs, 'a', 'loop'));
    symlinkSync('.', join(scratch.logs, 'self'));
    const watching = await live.watch();
    await waitFor('the real file', () => eventCountIn(scratch.dbPath) === 2);
    await waitFor('the loop to be reported', () => watching.problems().some((p) => /symlink loop/.test(p.reason)));
    scratch.write('a/two.json', records('two', 3));
    await waitFor('a file written afterwards', () => eventCountIn(scratch.dbPath) === 5);
  });

  it('keeps the events of a deleted file, and of a folder that disappears, and skips it when it comes back', async () => {
    const { scratch } = live;
    const day = records('day', 4);
    scratch.write('2026/11/20/day.json', day);
    scratch.write('gone.json', records('gone', 2));
    const watching = await live.watch();
    await waitFor('both files', () => eventCountIn(scratch.dbPath) === 6);
    unlinkSync(join(scratch.logs, 'gone.json'));
    rmSync(join(scratch.logs, '2026'), { recursive: true });
    await pause(300);
    expect(eventCountIn(scratch.dbPath)).toBe(6);
    scratch.write('2026/11/20/day.json', day);
    scratch.write('2026/11/21/next.json', records('next', 3));
    await waitFor('the new file in the folder that came back', () => eventCountIn(scratch.dbPath) === 9);
    await pause(200);
    const dayBatches = watching.batches().filter((batch) => batch.file === '2026/11/20/day.json');
    expect(dayBatches).toEqual([expect.objectContaining({ added: 4, duplicates: 0 })]);
  });

  it('says so when the log folder itself disappears, and follows it again when it comes back', async () => {
    const { scratch } = live;
    scratch.write('first.json', records('first', 2));
    const watching = await live.watch();
    await waitFor('the first file', () => eventCountIn(scratch.dbPath) === 2);
    rmSync(scratch.logs, { recursive: true });
    await waitFor('the missing folder to be reported', () => watching.problems().some((p) => /log folder is gone/.test(p.reason)));
    mkdirSync(scratch.logs);
    scratch.write('after.json', records('after', 3));
    await waitFor('the file in the folder that came back', () => eventCountIn(scratch.dbPath) === 5);
    scratch.write('later.json', records('later', 1));
    await waitFor('a file written after it came back', () => eventCountIn(scratch.dbPath) === 6);
    rmSync(scratch.logs, { recursive: true });
    await waitFor('the second disappearance to be reported', () => watching.problems().filter((p) => /log folder is gone/.test(p.reason)).length === 2);
  });

  it('follows a log folder given as a symlink', async () => {
    const { scratch } = live;
    const linked = join(scratch.root, 'linked-logs');
    symlinkSync(scratch.logs, linked);
    scratch.write('before.json', records('before', 2));
    await live.watch({ dir: linked });
    await waitFor('the file there before', () => eventCountIn(scratch.dbPath) === 2);
    scratch.write('after.json', records('after', 1));
    await waitFor('the file written through the real folder', () => eventCountIn(scratch.dbPath) === 3);
  });

  it('skips named pipes and other non-files without blocking, and files that are not logs without complaint', async () => {
    const { scratch } = live;
    execFileSync('mkfifo', [join(scratch.logs, 'pipe.json')]);
    scratch.write('README.txt', 'These are the logs of the incident.\n');
    scratch.write('real.json', records('real', 2));
    const watching = await live.watch();
    await waitFor('the real file', () => eventCountIn(scratch.dbPath) === 2);
    execFileSync('mkfifo', [join(scratch.logs, 'pipe2.json')]);
    scratch.write('after.json', records('after', 1));
    await waitFor('a file written after the pipe', () => eventCountIn(scratch.dbPath) === 3);
    await waitFor('the text file to be classified', () =>
      readIndex(scratch.dbPath, (db) => db.prepare("SELECT kind FROM files WHERE path = 'README.txt'").pluck().get()) === 'not-log');
    expect(watching.problems()).toEqual([]);
  });

  it('reports a file that disappears before it is read, and goes on', async () => {
    const { scratch } = live;
    const watching = await live.watch({ timing: { quietMs: 150 } });
    const path = scratch.write('fleeting.json', records('fleeting', 2));
    unlinkSync(path);
    scratch.write('stays.json', records('stays', 1));
    await waitFor('the file that stays', () => eventCountIn(scratch.dbPath) === 1);
    for (const problem of watching.problems()) expect(problem).toEqual({ type: 'problem', file: 'fleeting.json', reason: expect.stringMatching(/disappeared/) });
  });

  it.skipIf(isRoot)('reports an unreadable file, and indexes it once it becomes readable', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const path = join(scratch.logs, 'locked.json');
    writeFileSync(path, records('locked', 2), { mode: 0o000 });
    await waitFor('the permission problem', () => watching.problems().some((p) => p.file === 'locked.json' && /permission denied/.test(p.reason)));
    chmodSync(path, 0o644);
    await waitFor('the file once readable', () => eventCountIn(scratch.dbPath) === 2);
  });
});
