import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newUser, removeBuiltBinary, type NewUser } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

/** The built binary on a machine that has never run keytrail: README's commands, then mistakes. */
let user: NewUser;
let scratch: Scratch;
const STACK_FRAME = /^\s+at /m;

beforeAll(() => {
  scratch = makeScratch('keytrail-fresh-');
  scratch.write('trail.json', recordsFile([kmsEvent({ eventID: 'evt-1' }), kmsEvent({ eventID: 'evt-2', eventName: 'ScheduleKeyDeletion' })]));
});
afterAll(() => {
  scratch.cleanup();
  removeBuiltBinary();
});
afterEach(() => user.cleanup());

describe('the first run on a fresh machine', () => {
  it('`keytrail index DIR` creates the state folder (owner-only) and the index, then `query` reads it', () => {
    user = newUser();
    const indexed = user.run(['index', scratch.logs]);
    expect(indexed.stderr).toBe('');
    expect(indexed.status).toBe(0);
    const state = join(user.home, '.local', 'state', 'keytrail');
    expect(indexed.stdout).toMatch(new RegExp(`Index: ${state}/indexes/logs-[0-9a-f]{12}\\.db`));
    expect(statSync(state).mode & 0o777).toBe(0o700);
    const query = user.run(['query', '--dir', scratch.logs, '--json']);
    expect([query.status, query.stdout.trim().split('\n').length]).toEqual([0, 2]);
  });

  it('`index --db` into a folder that does not exist yet creates it', () => {
    user = newUser();
    const db = join(user.home, 'new', 'dir', 'x.db');
    expect(user.run(['index', scratch.logs, '--db', db]).status).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it('a folder that does not exist is a usage error (2) that names it, not a stack trace', () => {
    user = newUser();
    const result = user.run(['index', '/tmp/keytrail-does-not-exist']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('keytrail index: no folder /tmp/keytrail-does-not-exist: nothing was indexed\n');
  });
});

describe('reading commands never create an index', () => {
  it.each([['query'], ['facets', 'key'], ['chain', 'evt-1'], ['grants', 'alias/x'], ['detect'], ['finding', 'list'], ['export', '--out', '-']])(
    '%s with a mistyped --dir or --db names what is missing, exits 2 and creates nothing', (...args) => {
      user = newUser();
      const missingDir = user.run([...args, '--dir', '/tmp/keytrail-nope']);
      expect([missingDir.status, missingDir.stdout]).toEqual([2, '']);
      expect(missingDir.stderr).toContain('/tmp/keytrail-nope');
      expect(missingDir.stderr).not.toMatch(STACK_FRAME);
      const missingDb = user.run([...args, '--db', join(user.home, 'nope.db')]);
      expect(missingDb.status).toBe(2);
      expect(missingDb.stderr).toContain(`no index at ${join(user.home, 'nope.db')}`);
      expect(readdirSync(user.home)).toEqual([]);
    });

  it('a file given as --dir is named as a file, not as a folder to index', () => {
    user = newUser();
    const file = join(scratch.logs, readdirSync(scratch.logs)[0]!);
    const result = user.run(['query', '--dir', file]);
    expect([result.status, result.stderr]).toEqual([2, `keytrail query: ${file} is a file, not a folder of logs (--dir): give the folder it is in\n`]);
  });

  it('a folder that exists but was never indexed is named with the command that indexes it', () => {
    user = newUser();
    const result = user.run(['query', '--dir', scratch.logs]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${scratch.logs} has not been indexed yet`);
    expect(result.stderr).toContain(`run \`keytrail index ${scratch.logs}\` first`);
  });

  it('without --dir or --db, says on stderr which index it read and for which folder', () => {
    user = newUser();
    user.run(['index', scratch.logs]);
    const result = user.run(['finding', 'list']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^keytrail finding: reading ${user.home}/\\.local/state/keytrail/indexes/logs-\\w+\\.db \\(the last folder indexed, ${scratch.logs}\\)`));
    expect(user.run(['finding', 'list', '--dir', scratch.logs]).stderr).toBe('');
  });
});

describe('XDG base directories', () => {
  it('an empty or relative XDG_STATE_HOME means unset: nothing is written to the current folder', () => {
    for (const value of ['', 'relative/state']) {
      user = newUser();
      const cwd = join(user.home, 'work');
      mkdirSync(cwd);
      const result = user.run(['index', scratch.logs], { cwd, env: { XDG_STATE_HOME: value } });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Index: ${user.home}/.local/state/keytrail/indexes/`);
      expect(readdirSync(cwd)).toEqual([]);
      user.cleanup();
    }
    user = newUser();
  });

  it('an absolute XDG_STATE_HOME holds the indexes', () => {
    user = newUser();
    const result = user.run(['index', scratch.logs], { env: { XDG_STATE_HOME: join(user.home, 'xdg-state') } });
    expect(result.stdout).toContain(`Index: ${user.home}/xdg-state/keytrail/indexes/`);
  });

  it('detect reads $XDG_CONFIG_HOME/keytrail/config.json (after --config and ./keytrail.config.json)', () => {
    user = newUser();
    user.run(['index', scratch.logs]);
    const configDir = join(user.home, 'xdg-config', 'keytrail');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), '{"disabledRules": ["nope"]}');
    const env = { XDG_CONFIG_HOME: join(user.home, 'xdg-config') };
    const broken = user.run(['detect', '--dir', scratch.logs], { env });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(join(configDir, 'config.json'));
    writeFileSync(join(configDir, 'config.json'), '{}');
    expect(user.run(['detect', '--dir', scratch.logs], { env }).stdout).toContain(`config: ${join(configDir, 'config.json')}`);
    writeFileSync(join(user.home, 'keytrail.config.json'), '{}');
    expect(user.run(['detect', '--dir', scratch.logs], { env, cwd: user.home }).stdout).toContain(`config: ${join(user.home, 'keytrail.config.json')}`);
  });
});
