import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeBuiltBinary, userWhoIndexed, type NewUser } from '../helpers/run-cli.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

/** Output piped into head, jq or a spreadsheet: stdout is not a terminal in these runs. */
let user: NewUser;
let scratch: Scratch;
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
const LONG_ROLE = 'arn:aws:sts::111122223333:assumed-role/a-role-name-long-enough-to-be-cut-in-a-terminal-table/session-0123456789';
const HOSTILE = { eventID: 'evt-hostile', eventName: '=HYPERLINK("http://x")', errorCode: 'a,"b"\u001b[2J', userAgent: 'curl\u202e' };
// Format characters that hide text: a zero-width space and an invisible tag character.
const HIDDEN_IP = '203.0.113.\u200b9\u{e0041}';

beforeAll(() => {
  scratch = makeScratch('keytrail-pipes-');
  const pretty = JSON.stringify({ Records: [kmsEvent({ eventID: 'evt-pretty', eventTime: '2026-11-20T09:00:00Z', extra: { nested: [1, 2] } })] }, null, 2);
  scratch.write('pretty.json', pretty);
  scratch.write('trail.json', recordsFile([
    kmsEvent({ eventID: 'evt-long', userIdentity: { type: 'AssumedRole', arn: LONG_ROLE, accountId: '111122223333' } }),
    kmsEvent({ ...HOSTILE, eventTime: '2026-11-20T11:00:00Z' }),
    kmsEvent({ eventID: 'evt-hidden', eventTime: '2026-11-19T11:00:00Z', sourceIPAddress: HIDDEN_IP }),
  ]));
  user = userWhoIndexed(scratch.logs);
});
afterAll(() => [user, scratch].forEach((made) => made.cleanup()));
afterAll(() => removeBuiltBinary());

const run = (...args: string[]) => user.run([...args, '--dir', scratch.logs]);

describe('tables off a terminal', () => {
  it('never cut a value (ids, ARNs) and show log fields with control characters made visible', () => {
    const result = run('query');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('assumed-role/a-role-name-long-enough-to-be-cut-in-a-terminal-table/session-0123456789');
    expect(result.stdout).not.toContain('…');
    expect(result.stdout).toContain('a,"b"\\x1b[2J');
    expect(result.stdout).toContain('203.0.113.\\u200b9\\u{e0041}');
    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(result.stdout).not.toMatch(/[\u200b\u{e0041}]/u);
  });

  it('finding list shows a hit reference whole, ready to copy', () => {
    const added = run('finding', 'add', '--filter', `principal:${LONG_ROLE}`, '--note', 'long');
    expect(added.status).toBe(0);
    expect(run('finding', 'list').stdout).toContain(`principal:${LONG_ROLE}`);
  });
});

describe('machine formats', () => {
  it('chain --json prints one JSON line, like every other --json', () => {
    const result = run('chain', 'evt-long', '--json');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ origin: { eventID: 'evt-long' } });
  });

  it('query --raw prints each CloudTrail record as delivered, one JSON object per line, with every field', () => {
    const result = run('query', '--raw', '--limit', '0');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record.eventID)).toEqual(['evt-hostile', 'evt-long', 'evt-pretty', 'evt-hidden']);
    expect(records[2]).toEqual(kmsEvent({ eventID: 'evt-pretty', eventTime: '2026-11-20T09:00:00Z', extra: { nested: [1, 2] } }));
    expect(records[0]).toMatchObject({ ...HOSTILE, eventTime: '2026-11-20T11:00:00Z' });
    expect(records[3]?.sourceIPAddress).toBe(HIDDEN_IP);
    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(result.stdout).not.toMatch(/[\u200b\u{e0041}]/u);
  });

  it('--csv quotes as RFC 4180 says and defuses spreadsheet formulas', () => {
    const result = run('query', '--csv');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe('eventTime,eventName,eventSource,principal,key,keyAliases,sourceIPAddress,errorCode,eventID');
    expect(lines[1]).toBe(`2026-11-20T11:00:00Z,"'=HYPERLINK(""http://x"")",kms.amazonaws.com,arn:aws:iam::111122223333:user/alice,`
      + 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555,,198.51.100.7,"a,""b""\\x1b[2J",evt-hostile');
    expect(lines).toHaveLength(6);
    expect(run('facets', 'event', '--csv').stdout.split('\r\n')).toContain(`1,"'=HYPERLINK(""http://x"")",`);
  });

  it('two output formats at once is a usage error', () => {
    expect(run('query', '--json', '--csv')).toMatchObject({ status: 2, stderr: 'keytrail query: choose one of --json, --csv\n' });
  });
});
