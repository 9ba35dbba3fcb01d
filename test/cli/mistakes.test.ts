import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, removeBuiltBinary, userWhoIndexed, type NewUser } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

/** Typos and odd arguments, as a user types them at the built binary. */
let user: NewUser;
let scratch: Scratch;
const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const service = { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' };

beforeAll(() => {
  scratch = makeScratch('keytrail-mistakes-');
  scratch.write('trail.json', recordsFile([
    kmsEvent({ eventID: 'by-alice', errorCode: 'AccessDenied' }),
    kmsEvent({ eventID: 'by-service', errorCode: 'AccessDenied', userIdentity: service, sourceIPAddress: 'ec2.amazonaws.com' }),
  ]));
  user = userWhoIndexed(scratch.logs);
});
afterAll(() => [user, scratch].forEach((made) => made.cleanup()));
afterAll(() => removeBuiltBinary());

describe('a mistyped command', () => {
  it('is named, with the nearest command, exit 2', () => {
    const result = user.run(['qeury', 'key:alias/payments']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/^keytrail: unknown command 'qeury'; did you mean 'query'\?\n/);
  });

  it('an unknown facet kind is refused before any index is chosen or named', () => {
    const result = user.run(['facets', 'BOGUS'], { cwd: scratch.root });
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/^keytrail facets: unknown kind "BOGUS": use one of key, /);
    expect(result.stderr).not.toContain('reading');
  });

  it('a bare word that is no command and no file is refused, not waited for as a folder', () => {
    const result = user.run(['frob'], { cwd: scratch.root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown command 'frob'");
    expect(result.stderr).toContain('write ./frob');
  });

  it('a word that names an existing folder still opens the workbench (which needs a terminal)', () => {
    const result = user.run(['logs'], { cwd: scratch.root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the workbench needs an interactive terminal');
  });

  it('a file given as the workbench\'s folder is refused before anything opens, and leaves no index behind', () => {
    const fresh = newUser();
    try {
      const result = fresh.run([join(scratch.logs, 'trail.json')]);
      expect(result).toMatchObject({ status: 2, stdout: '' });
      expect(result.stderr).toMatch(/trail\.json is not a folder: keytrail DIR takes a folder of CloudTrail logs\n/);
      // No index of the file, so `keytrail query` does not read one as "the last folder indexed".
      expect(fresh.run(['query'])).toMatchObject({ status: 2, stderr: expect.stringContaining('no index yet: run `keytrail index DIR` first') });
    } finally {
      fresh.cleanup();
    }
  });

  it('an unknown option is named with the nearest one', () => {
    const result = user.run(['query', '--jsn']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^keytrail query: unknown option --jsn; did you mean --json\?\n\nUsage: keytrail query/);
  });

  it('a word too many is refused with the word, not silently dropped (a second folder, a glob, rm 1 2)', () => {
    const extraFolder = user.run(['index', scratch.logs, join(scratch.root, 'other'), '--db', join(scratch.root, 'extra.db')]);
    expect(extraFolder).toMatchObject({ status: 2, stdout: '' });
    expect(extraFolder.stderr).toMatch(/^keytrail index: unexpected argument ".*other"\n\nUsage: keytrail index DIR/);
    expect(user.run(['finding', 'rm', '1', '2'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail finding: unexpected argument "2"\n/) });
    expect(user.run(['finding', 'list', '3'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail finding: unexpected argument "3"\n/) });
    expect(user.run(['index', 'a', 'b', '--help'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: keytrail index DIR/) });
    expect(user.run(['detect', 'logs-typo'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail detect: detect takes no arguments, only options: "logs-typo"\n/) });
  });

  it('a filter that matches nothing says why on stderr, after the empty answer', () => {
    const result = user.run(['query', 'principal:ali', '--dir', scratch.logs]);
    expect(result).toMatchObject({ status: 0, stdout: expect.stringMatching(/0 event\(s\)\n$/) });
    expect(result.stderr).toContain('keytrail query: principal:ali matches no principal in this index; values match whole (case aside): for a part, principal:*ali*\n');
    expect(user.run(['query', 'principal:ali', '--dir', scratch.logs, '--json'])).toMatchObject({ stdout: '', stderr: expect.stringContaining('principal:*ali*') });
  });

  it('a one-letter negated word reads as an option: the message says how to give it, and that way works', () => {
    const result = user.run(['query', '-x', '--dir', scratch.logs]);
    expect(result).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail query: unknown option -x \(a filter term that starts with - goes after --: -- -x\)\n/) });
    const ids = (...filter: string[]) => user.run(['query', '--dir', scratch.logs, '--json', '--', ...filter]).stdout.split('\n')
      .filter(Boolean).map((line) => (JSON.parse(line) as { uid: string }).uid).sort();
    // After --, -z is the word z left out: the events with it and the events without it are all of them, once.
    expect(ids('z')).toEqual(['by-service']);
    expect(ids('-z')).toEqual(['by-alice']);
  });

  it('a time filter outside the logs says where the indexed events lie, not just "0 events"', () => {
    const recent = user.run(['query', 'since:2h', '--dir', scratch.logs]);
    expect(recent).toMatchObject({ status: 0, stdout: expect.stringMatching(/0 event\(s\)\n$/) });
    expect(recent.stderr).toMatch(/^keytrail query: no event since \S+Z: the newest indexed event is at 2026-11-20T10:00:00Z \(the oldest at 2026-11-20T10:00:00Z\)\n$/);
    expect(user.run(['query', 'until:2020-01-01', '--dir', scratch.logs]).stderr)
      .toContain('no event before 2020-01-02T00:00:00Z: the oldest indexed event is at 2026-11-20T10:00:00Z');
    expect(user.run(['query', 'since:2026-11-20', '--dir', scratch.logs])).toMatchObject({ stderr: '', stdout: expect.stringMatching(/2 event\(s\)\n$/) });
  });

  it('a typo is named with what it likely meant: a filter value of a small kind, a facet kind, --version', () => {
    expect(user.run(['query', 'event:Decrpyt', '--dir', scratch.logs]).stderr)
      .toBe('keytrail query: event:Decrpyt matches no event in this index; did you mean event:Decrypt?\n');
    expect(user.run(['facets', 'keys'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail facets: unknown kind "keys" \(did you mean key\?\): use one of key, /) });
    expect(user.run(['--verison'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail: unknown option --verison; did you mean --version\?\n/) });
  });

  it('export --json points at --format json', () => {
    expect(user.run(['export', '--json'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail export: unknown option --json; did you mean --format json\?\n/) });
  });

  it('an unknown option before any command is named too, not handed to the workbench', () => {
    expect(user.run(['--limit', '5'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^keytrail: unknown option --limit\n/) });
  });
});

describe('filter terms that start with -', () => {
  it('are filter terms, never options: `error:* -actor:service` excludes the service call', () => {
    const result = user.run(['query', '--dir', scratch.logs, 'error:*', '-actor:service', '--json']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { eventID: string }).eventID)).toEqual(['by-alice']);
  });

  it('an option value may start with - too (a finding note), and `--limit -5` gets a plain message', () => {
    const limit = user.run(['query', '--dir', scratch.logs, '--limit', '-5']);
    expect([limit.status, limit.stderr]).toEqual([2, 'keytrail query: --limit takes a whole number, 0 or more, not "-5"\n']);
    const added = user.run(['finding', 'add', '--filter', '-actor:service', '--note', '- not AWS itself', '--dir', scratch.logs, '--json']);
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ kind: 'filter', reference: '-actor:service', note: '- not AWS itself' });
  });
});

describe('help, version and exit codes', () => {
  it('`keytrail help query` prints what `keytrail query --help` prints', () => {
    const help = user.run(['help', 'query']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: keytrail query /);
    expect(help.stdout).toBe(user.run(['query', '--help']).stdout);
    expect(user.run(['help', 'qurey'])).toMatchObject({ status: 2, stderr: expect.stringContaining("did you mean 'query'?") });
    // An unknown topic is a sentence of its own, typed control characters shown escaped.
    expect(user.run(['help', 'bo\u001b[2Jgus'])).toMatchObject({ status: 2, stderr: "keytrail help: no help on 'bo\\x1b[2Jgus'. Topics: index, watch, query, facets, chain, grants, detect, validate, finding, export, athena, sample, filters\n" });
  });

  it('a mistyped command, option or value is named with its control characters escaped, never sent to the terminal', () => {
    const clear = '\u001b[2J';
    for (const argv of [[`qe${clear}ury`], ['query', `--li${clear}mit`], ['facets', `k${clear}ey`]]) {
      const result = user.run(argv);
      expect(result.status, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toContain('\\x1b[2J');
      expect(result.stderr, argv.join(' ')).not.toMatch(/[\u001b\u009b]/);
    }
  });

  it('-v, -V and --version print the version in package.json', () => {
    for (const flag of ['-v', '-V', '--version']) expect(user.run([flag])).toMatchObject({ status: 0, stdout: `${packageVersion}\n` });
  });

  it('--help lists the exit codes, and a crash exits 70, never 1 ("found a problem")', () => {
    expect(user.run(['--help']).stdout).toContain('70 internal error');
    // A state folder that is a file: an error keytrail does not expect.
    const notAFolder = join(scratch.root, 'state-is-a-file');
    writeFileSync(notAFolder, '');
    const crash = user.run(['index', scratch.logs], { env: { KEYTRAIL_HOME: notAFolder } });
    expect(crash.status).toBe(70);
    expect(crash.stderr).toMatch(/^keytrail: internal error \(a bug in keytrail; please report it/);
  });
});
