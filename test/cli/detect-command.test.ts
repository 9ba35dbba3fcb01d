import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCommand } from '../../src/cli/commands/detect-command.js';
import { runCommand } from '../../src/cli/run.js';
import { DETECTION_RULES } from '../../src/core/detect/rules/index.js';
import { background, buildIndex, DAY, event, repeat, T0, user, type TestIndex } from '../core/detect/helpers.js';

let index: TestIndex;
const hostile = user('evil\u001b[2J\u009b31m');
const at = T0 + 2 * DAY;

async function detect(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(detectCommand, argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  const failures = repeat(10, at, 20_000, (time) => event({ name: 'Decrypt', time, identity: user('mallory'), ip: '203.0.113.66', error: 'AccessDeniedException' }));
  index = await buildIndex({ 'base.jsonl': background(), 'incident.jsonl': [...failures, event({ name: 'ScheduleKeyDeletion', time: at + 600_000, identity: hostile, request: { pendingWindowInDays: 7 } })] });
  process.env.KEYTRAIL_HOME = join(index.dir, 'home');
});

afterEach(() => {
  delete process.env.KEYTRAIL_HOME;
  index.close();
});

describe('keytrail detect', () => {
  it('--json prints one object per line with the contract fields, every event id behind each hit', async () => {
    const result = await detect('--db', join(index.dir, 'index.db'), '--json');
    expect(result.code).toBe(0);
    const hits = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const hit of hits) {
      expect(Object.keys(hit)).toEqual(['id', 'rule', 'severity', 'title', 'reason', 'first', 'last', 'principal', 'key', 'ip', 'eventIDs']);
      expect(['info', 'low', 'medium', 'high', 'critical']).toContain(hit.severity);
    }
    const burst = hits.find((hit) => hit.rule === 'decrypt-failure-burst');
    expect(burst?.eventIDs).toHaveLength(10);
    expect(hits.find((hit) => hit.rule === 'key-deletion')?.principal).toBe('arn:aws:iam::111122223333:user/evil\u001b[2J\u009b31m');
    expect(result.stdout).not.toMatch(/[\u001b\u009b]/);
  });

  it('prints log text from hostile principals as visible escapes, never as terminal control codes', async () => {
    const result = await detect('--db', join(index.dir, 'index.db'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('user/evil\\x1b[2J\\x9b31m scheduled');
    expect(result.stdout).not.toMatch(/[\u001b\u009b]/);
    expect(result.stdout).toMatch(/^HIGH +\S+ +decrypt-failure-burst +Burst of failed KMS calls$/m);
    expect(result.stdout).toMatch(new RegExp(`ran ${DETECTION_RULES.length} rule\\(s\\) over \\d+ event\\(s\\)`));
  });

  it('says so when nothing is new since the last run, and shows one hit with its events', async () => {
    const db = join(index.dir, 'index.db');
    await detect('--db', db);
    const again = await detect('--db', db, '--rule', 'key-deletion');
    expect(again.stdout).toMatch(/^1 hit\(s\): 1 high\. no new events since the last run/m);
    const id = /id (key-deletion:[0-9a-f]+)/.exec(again.stdout)![1]!;
    const shown = await detect('--db', db, '--hit', id);
    expect(shown.stdout).toMatch(/ScheduleKeyDeletion +user\/evil\\x1b\[2J\\x9b31m/);
    expect((await detect('--db', db, '--hit', 'key-deletion:0000')).code).toBe(2);
  });

  it('prints a rule as Athena SQL with the configured thresholds, and refuses unknown rules', async () => {
    const config = join(index.dir, 'keytrail.config.json');
    writeFileSync(config, JSON.stringify({ decryptFailureBurst: { failures: 7, windowMinutes: 3 } }));
    const sql = await detect('--athena', 'decrypt-failure-burst', '--table', 'org_trail', '--config', config);
    expect(sql.code).toBe(0);
    expect(sql.stdout).toContain('FROM org_trail');
    expect(sql.stdout).toContain('b.ts < a.ts + 180');
    expect(sql.stdout).toContain('7 AS minimum');
    const unknown = await detect('--athena', 'decrypt-storm');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown rule "decrypt-storm": use one of decrypt-failure-burst, key-deletion/);
  });

  it('stops with exit 2 and the field name on an invalid config', async () => {
    const config = join(index.dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ dataKeyVolume: { perHour: -5 } }));
    const result = await detect('--db', join(index.dir, 'index.db'), '--config', config);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid config: .*bad\.json: dataKeyVolume\.perHour: must be a whole number of at least 1, not -5/);
  });
});
