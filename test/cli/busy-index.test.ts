import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, removeBuiltBinary, type NewUser } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

/** Every write takes the writer lock the indexer takes: a workbench or `watch` on the same folder is said, exit 75. */
let user: NewUser;
let scratch: Scratch;
let lock: string;

beforeAll(() => {
  scratch = makeScratch('keytrail-busy-');
  scratch.write('trail.json', recordsFile([kmsEvent({ eventID: 'evt-1' })]));
  user = newUser();
  const indexed = user.run(['index', scratch.logs]);
  lock = `${/^Index: (.*)$/m.exec(indexed.stdout)![1]}.lock`;
});
afterAll(() => [user, scratch].forEach((made) => made.cleanup()));
afterAll(() => removeBuiltBinary());

describe('a write while another keytrail writes the index', () => {
  const writes: Array<[string, () => string[]]> = [
    ['detect', () => ['detect', '--dir', scratch.logs]],
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

  it('reading commands do not wait for the lock, and a lock left by a dead process is taken over', () => {
    writeFileSync(lock, String(process.pid));
    expect(user.run(['query', '--dir', scratch.logs]).status).toBe(0);
    writeFileSync(lock, '2147483646');
    const detect = user.run(['detect', '--dir', scratch.logs]);
    expect(detect.status).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
