import { closeSync, existsSync, openSync, readdirSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from '../e2e/tmux-session.js';
import { builtBinary, newUser, removeBuiltBinary, type NewUser } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

/** A damaged index file, found by every command: which index, the logs untouched, the one command that rebuilds it. */
if (!hasTmux()) console.warn('test/cli/damaged-index: tmux is not installed, so the workbench case is skipped.');
let user: NewUser;
let scratch: Scratch;
let db: string;

function indexAgain(): void {
  expect(user.run(['index', scratch.logs, '--db', db, '--rebuild']).status).toBe(0);
}

beforeAll(() => {
  scratch = makeScratch('keytrail-damaged-');
  const events = Array.from({ length: 3000 }, (_, i) => kmsEvent({ eventID: `evt-${i}`, requestID: `req-${i}`, eventTime: new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString() }));
  scratch.write('trail.json', recordsFile(events));
  user = newUser();
  db = join(user.home, 'indexes', 'trail.db');
  expect(user.run(['index', scratch.logs, '--db', db]).status).toBe(0);
});
afterAll(() => {
  user.cleanup();
  scratch.cleanup();
  removeBuiltBinary();
});

const damages: Array<[string, () => void]> = [
  ['truncated', () => truncateSync(db, Math.floor(statSync(db).size / 3))],
  ['overwritten pages', () => {
    const fd = openSync(db, 'r+');
    for (let page = 1; page * 16384 < statSync(db).size; page++) writeSync(fd, Buffer.alloc(512, 0xff), 0, 512, page * 16384 + 100);
    closeSync(fd);
  }],
  ['emptied', () => truncateSync(db, 0)],
];

describe('a damaged index', () => {
  // A command that reads only undamaged pages answers: these read every event.
  it.each(damages)('%s: query, detect and finding add name it, say the logs are untouched and give the rebuild command (exit 1)', (_name, damage) => {
    damage();
    for (const args of [['query', '--limit', '0'], ['detect'], ['finding', 'add', '--filter', 'event:*', '--note', 'x']]) {
      const result = user.run([...args, '--db', db]);
      expect(result.stderr).not.toMatch(/SqliteError|^\s+at /m);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`the index ${db} is damaged`);
      expect(result.stderr).toContain('Your log files');
      expect(result.stderr).toContain('are untouched');
      expect(result.stderr).toContain(`--db ${db} --rebuild`);
    }
    indexAgain();
  });

  it('the rebuild command keeps the old file beside it, indexes the logs again and keeps the findings', () => {
    expect(user.run(['finding', 'add', '--event', 'evt-7', '--note', 'first', '--db', db]).status).toBe(0);
    expect(user.run(['finding', 'add', '--event', 'evt-3', '--note', 'second', '--db', db]).status).toBe(0);
    expect(user.run(['finding', 'move', '1', '--before', '2', '--db', db]).status).toBe(0);
    const before = readdirSync(dirname(db)).filter((name) => /\.damaged-[\dT-]+Z$/.test(name)).length;
    const rebuilt = user.run(['index', scratch.logs, '--db', db, '--rebuild']);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toContain('3000 new event(s)');
    expect(rebuilt.stderr).toMatch(/the old index is kept as .*\.damaged-.*; findings and notes stay in .*\.findings\.db/);
    expect(readdirSync(dirname(db)).filter((name) => /\.damaged-[\dT-]+Z$/.test(name)).length).toBe(before + 1);
    const listed = user.run(['finding', 'list', '--json', '--db', db]).stdout.trim().split('\n').map((line) => JSON.parse(line) as { note: string });
    expect(listed.map((finding) => finding.note)).toEqual(['first', 'second']);
    expect(existsSync(scratch.logs)).toBe(true);
  });

  it.skipIf(!hasTmux())('in the workbench (a terminal, via tmux): the status line names it and says the logs are untouched', async () => {
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);
    const tmux = new TmuxSession(200, 30);
    try {
      tmux.start(`env -u KEYTRAIL_HOME HOME=${user.home} ${process.execPath} ${builtBinary()} ${scratch.logs} --db ${db}; echo "EXIT=$?"; sleep 30`);
      const screen = await tmux.waitFor((text) => text.includes('untouched'), 'the damaged index named', 15_000);
      expect(screen.replace(/\n/g, '')).toContain(`the index ${db} is damaged (file is not a database)`);
      expect(screen).not.toMatch(/SqliteError|EXIT=/);
    } finally {
      tmux.stop();
    }
    indexAgain();
  });
});
