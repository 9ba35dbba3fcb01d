import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findingCommand } from '../../src/cli/commands/finding-command.js';
import { runCommand } from '../../src/cli/run.js';
import { runCli } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

let scratch: Scratch;

async function finding(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(findingCommand, [...argv, '--db', scratch.dbPath], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  scratch = makeScratch('keytrail-finding-cli-');
  scratch.write('logs.json', recordsFile([
    kmsEvent({ eventID: 'evt-early', eventTime: '2026-11-20T08:00:00Z' }),
    kmsEvent({ eventID: 'evt-late', eventTime: '2026-11-20T09:00:00Z', eventName: 'ScheduleKeyDeletion' }),
  ]));
  (await scratch.index()).db.close();
});
afterEach(() => scratch.cleanup());

describe('keytrail finding', () => {
  it('adds, lists in time order, edits, moves and removes', async () => {
    expect((await finding('add', '--event', 'evt-late', '--note', 'deletion scheduled')).stdout).toBe('Added finding 1 (event).\n');
    expect((await finding('add', '--filter', 'event:Decrypt', '--note', 'all decrypts')).code).toBe(0);
    expect((await finding('list')).stdout).toMatch(/^ID .*\n2 +filter +2026-11-20T08:00:00Z +event:Decrypt +all decrypts\n1 +event .*deletion scheduled$/m);
    expect((await finding('edit', '1', '--note', 'key deletion')).code).toBe(0);
    expect((await finding('move', '1', '--before', '2')).code).toBe(0);
    const listed = (await finding('list', '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(listed.map((item) => [item.id, item.kind, item.note])).toEqual([[1, 'event', 'key deletion'], [2, 'filter', 'all decrypts']]);
    expect(listed[0].evidenceTime).toBe('2026-11-20T09:00:00Z');
    expect((await finding('rm', '2')).stdout).toBe('Removed finding 2.\n');
    expect((await finding('rm', '2')).code).toBe(1);
  });

  it('says what is wrong: unknown event (1), no or two targets, bad ids and filters (2)', async () => {
    const unknown = await finding('add', '--event', 'evt-nope', '--note', 'x');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'keytrail finding: no event "evt-nope" in this index\n']);
    expect((await finding('add', '--note', 'x')).code).toBe(2);
    expect((await finding('add', '--event', 'evt-late', '--filter', 'error:*', '--note', 'x')).code).toBe(2);
    expect((await finding('add', '--event', 'evt-late')).stderr).toMatch(/--note/);
    expect((await finding('rm', 'abc')).code).toBe(2);
    const badFilter = await finding('add', '--filter', 'principle:alice', '--note', 'x');
    expect([badFilter.code, badFilter.stderr]).toEqual([2, expect.stringMatching(/unknown field "principle"/)]);
  });

  it('keeps a filter finding that matches nothing (a check that came back empty), and says so with why', async () => {
    const typo = await finding('add', '--filter', 'event:Decrpyt', '--note', 'x');
    expect([typo.code, typo.stdout]).toEqual([0, 'Added finding 1 (filter).\n']);
    expect(typo.stderr).toBe('keytrail finding: finding 1 matches no event in this index: event:Decrpyt matches no event in this index; did you mean event:Decrypt?\n');
    expect((await finding('add', '--filter', 'event:Decrypt', '--note', 'y')).stderr).toBe('');
  });

  it('prints a hostile note as visible text, never as a terminal escape', async () => {
    await finding('add', '--event', 'evt-early', '--note', 'red \u001b[31m alert');
    const listed = await finding('list');
    expect(listed.stdout).not.toContain('\u001b');
    expect(listed.stdout).toContain('red \\x1b[31m alert');
  });

  it('keeps findings across processes: marked by one run, listed by the next', async () => {
    const env = { KEYTRAIL_HOME: scratch.root };
    expect(runCli(['finding', 'add', '--db', scratch.dbPath, '--event', 'evt-early', '--note', 'first'], env).status).toBe(0);
    const listed = runCli(['finding', 'list', '--json', '--db', scratch.dbPath], env);
    expect(JSON.parse(listed.stdout)).toMatchObject({ id: 1, kind: 'event', reference: 'evt-early', note: 'first' });
  });
});
