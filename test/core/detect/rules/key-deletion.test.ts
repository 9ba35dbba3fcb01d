import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, KEY_ID, OTHER_KEY_ARN, OTHER_KEY_ID, T0, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;

describe('key-deletion', () => {
  it('reports ScheduleKeyDeletion and DisableKey as high, naming the pending window, and undoing them as info', async () => {
    const schedule = event({ name: 'ScheduleKeyDeletion', time: at, identity: user('mallory'), request: { pendingWindowInDays: 7 } });
    const disable = event({ name: 'DisableKey', time: at + 60_000, identity: user('mallory') });
    const cancel = event({ name: 'CancelKeyDeletion', time: at + 3_600_000, identity: user('bob') });
    index = await buildIndex({ 'base.jsonl': background(), 'admin.jsonl': [schedule, disable, cancel] });
    runDetections(index.db, config());
    const hits = hitsOf(index.db, 'key-deletion');
    expect(hits.map((hit) => [hit.severity, hit.title, hit.eventIDs])).toEqual([
      ['high', 'Key disabled', [disable.eventID]],
      ['high', 'Key scheduled for deletion', [schedule.eventID]],
      ['info', 'Key deletion cancelled', [cancel.eventID]],
    ]);
    expect(hits[1]!.reason).toMatch(/user\/mallory scheduled .* for deletion in 7 days/);
  });

  it('names a key whose alias was moved away before its deletion by its id, "formerly" that alias', async () => {
    const alias = event({ name: 'CreateAlias', time: at - DAY, identity: user('bob'), request: { aliasName: 'alias/prod', targetKeyId: KEY_ID } });
    const moved = event({ name: 'UpdateAlias', time: at - 60_000, identity: user('mallory'), keyArn: OTHER_KEY_ARN, request: { aliasName: 'alias/prod', targetKeyId: OTHER_KEY_ID } });
    const schedule = event({ name: 'ScheduleKeyDeletion', time: at, identity: user('mallory'), request: { pendingWindowInDays: 7 } });
    index = await buildIndex({ 'base.jsonl': background(), 'admin.jsonl': [alias, moved, schedule] });
    runDetections(index.db, config());
    const hit = hitsOf(index.db, 'key-deletion').find((found) => found.title === 'Key scheduled for deletion');
    expect(hit!.reason).toBe(`user/mallory scheduled ${KEY_ID} (formerly alias/prod) for deletion in 7 days: everything encrypted under it becomes unreadable when it goes.`);
  });

  it('marks a refused ScheduleKeyDeletion as an attempt, one step less severe', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'admin.jsonl': [event({ name: 'ScheduleKeyDeletion', time: at, identity: user('mallory'), error: 'AccessDeniedException' })] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'key-deletion');
    expect(hit).toMatchObject({ severity: 'medium', title: 'Key scheduled for deletion (refused)' });
    expect(hit!.reason).toMatch(/AWS refused it \(AccessDeniedException\)/);
  });

  it('ignores the calls that only read or strengthen a key', async () => {
    const reads = ['DescribeKey', 'GetKeyRotationStatus', 'EnableKeyRotation', 'ListAliases'].map((name, index) => event({ name, time: at + index * 1000 }));
    index = await buildIndex({ 'base.jsonl': background(), 'reads.jsonl': reads });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'key-deletion')).toEqual([]);
  });
});
