import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, removeBuiltBinary, type NewUser } from '../helpers/run-cli.js';

/** README's headless commands in order, on the shipped sample logs, by someone who just installed keytrail. */
let user: NewUser;

beforeAll(() => {
  user = newUser();
}, 60_000);
afterAll(() => {
  user.cleanup();
  removeBuiltBinary();
});

describe("README's headless commands on sample-logs, in order", () => {
  it('index, then query, facets, detect, chain, finding and export read that index', { timeout: 120_000 }, () => {
    const indexed = user.run(['index', 'sample-logs']);
    expect(indexed.status).toBe(0);
    const shipped = readdirSync('sample-logs', { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
    expect(indexed.stdout).toMatch(new RegExp(`^Indexed ${shipped} file\\(s\\), 0 unchanged: 7095 new event\\(s\\)`));
    const deletion = user.run(['query', 'event:ScheduleKeyDeletion', '--dir', 'sample-logs', '--json']);
    const [event] = deletion.stdout.trim().split('\n').map((line) => JSON.parse(line) as { eventID: string });
    expect(event?.eventID).toBeTruthy();
    const principals = user.run(['facets', 'principal', '--dir', 'sample-logs', '--limit', '3']).stdout.split('\n');
    expect(principals).toHaveLength(6);
    expect(principals[4]).toBe('3 value(s) (the 3 most frequent; --limit 0 for all)');
    const hits = user.run(['detect', '--dir', 'sample-logs', '--config', 'docs/keytrail.config.example.json', '--json']);
    expect(hits.status).toBe(0);
    expect(hits.stdout.trim().split('\n').length).toBeGreaterThan(3);
    expect(user.run(['chain', event!.eventID, '--dir', 'sample-logs']).stdout).toMatch(/^Chain of ScheduleKeyDeletion/);
    expect(user.run(['finding', 'add', '--event', event!.eventID, '--note', 'deletion', '--dir', 'sample-logs']).stdout).toBe('Added finding 1 (event).\n');
    const note = user.run(['export', '--out', '-', '--dir', 'sample-logs']);
    expect([note.status, note.stdout]).toEqual([0, expect.stringContaining('### 1. deletion')]);
  });

  it('validate on a tree without digest files says nothing could be verified, in a few lines (exit 3)', () => {
    const result = user.run(['validate', 'sample-logs']);
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/^Validated sample-logs: no CloudTrail digest files found, so nothing could be verified\.\n/);
    expect(result.stdout).not.toContain('Chain:');
    expect(result.stdout).toContain('UNVERIFIABLE      411 file(s) in AWSLogs/111122223333/CloudTrail/us-east-1/');
    expect(result.stdout.split('\n').length).toBeLessThan(25);
  });
});
