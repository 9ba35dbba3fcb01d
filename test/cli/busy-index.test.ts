import { existsSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, removeBuiltBinary, type NewUser } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

/** Every write takes the writer lock the indexer takes: a workbench or `watch` on the same folder is said, exit 75. */
let user: NewUser;
let scratch: Scratch;
let lock: string;

beforeAll(() => {
  scratch = makeScratch('keytrail-busy-');
  scratch.write('trail.json', recordsFile([
    kmsEvent({ eventID: 'evt-1' }),
    kmsEvent({ eventID: 'deletion-1', eventName: 'ScheduleKeyDeletion', readOnly: false, requestParameters: { keyId: 'alias/payments', pendingWindowInDays: 7 } }),
  ]));
  user = newUser();
  const indexed = user.run(['index', scratch.logs]);
  lock = `${/^Index: (.*)$/m.exec(indexed.stdout)![1]}.lock`;
});
afterAll(() => [user, scratch].forEach((made) => made.cleanup()));
afterAll(() => removeBuiltBinary());

describe('a write while another keytrail writes the index', () => {
  const writes: Array<[string, () => string[]]> = [
    ['finding add', () => ['finding', 'add', '--event', 'evt-1', '--note', 'x', '--dir', scratch.logs]],
    ['index', () => ['index', scratch.logs]],
  ];
  it.each(writes)('%s waits briefly, then says who is writing (exit 75)', (_name, args) => {
    // A running process (this test) holds the lock, as a workbench indexing the folder would.
    writeFileSync(lock, String(process.pid));
    try {
      const result = user.run(args());
      expect(result.status).toBe(75);
      expect(result.stderr).toContain(`another keytrail (pid ${process.pid}) is writing`);
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it('detect reads the hits the writer stored instead of running the rules, and says what they cover', () => {
    writeFileSync(lock, String(process.pid));
    try {
      const before = user.run(['detect', '--dir', scratch.logs]);
      expect(before).toMatchObject({ status: 0, stdout: '0 hit(s).\n' });
      expect(before.stderr).toContain('another keytrail is writing this index, so the rules were not run here: these are the hits stored so far, over 0 of its 2 event(s).');
      rmSync(lock);
      expect(user.run(['detect', '--dir', scratch.logs]).stdout).toContain('key-deletion');
      writeFileSync(lock, String(process.pid));
      const stored = user.run(['detect', '--dir', scratch.logs, '--json']);
      expect(stored.status).toBe(0);
      expect(stored.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { rule: string }).rule)).toEqual(['key-deletion']);
      expect(stored.stderr).toContain('over 2 of its 2 event(s).');
      // Hits judged by an older keytrail (an upgrade while a workbench of the old one still writes) are said to be.
      const db = new Database(lock.slice(0, -'.lock'.length));
      // The installed keytrail names its build by the hash of its sources (scripts/build.mjs).
      expect(db.prepare("SELECT value FROM detection_state WHERE name = 'rules_build'").pluck().get()).toMatch(/^[0-9a-f]{16}$/);
      db.prepare("UPDATE detection_state SET value = 'an older build' WHERE name = 'rules_build'").run();
      db.close();
      expect(user.run(['detect', '--dir', scratch.logs]).stderr).toContain('over 2 of its 2 event(s), by another keytrail version than this one.');
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it('reading commands do not wait for the lock, and a lock left by a dead process is taken over', () => {
    writeFileSync(lock, String(process.pid));
    expect(user.run(['query', '--dir', scratch.logs]).status).toBe(0);
    writeFileSync(lock, '2147483646');
    const detect = user.run(['detect', '--dir', scratch.logs]);
    expect(detect.status).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
