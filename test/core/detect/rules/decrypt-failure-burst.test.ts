import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, MINUTE, repeat, roleSession, T0, user, viaService, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const burstAt = T0 + 2 * DAY + 3 * 60 * MINUTE;
const failedDecrypt = (time: number) => event({ name: 'Decrypt', time, identity: user('mallory'), ip: '203.0.113.66', error: 'AccessDeniedException' });

describe('decrypt-failure-burst', () => {
  it('fires on 10 failed Decrypts in 5 minutes, naming the principal, the key and every event', async () => {
    const burst = repeat(10, burstAt, 25_000, failedDecrypt);
    index = await buildIndex({ 'base.jsonl': background(), 'burst.jsonl': burst });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'decrypt-failure-burst');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'high', principal: 'arn:aws:iam::111122223333:user/mallory' });
    expect(hit!.key).toContain('1234abcd');
    expect(hit!.eventIDs.sort()).toEqual(burst.map((item) => item.eventID).sort());
    expect(hit!.reason).toMatch(/10 failed KMS crypto calls .* within 3m 45s .*AccessDenied/);
  });

  it('stays quiet for 9 failures in 5 minutes, and for 10 spread over 6 minutes', async () => {
    index = await buildIndex({
      'base.jsonl': background(),
      'nine.jsonl': repeat(9, burstAt, 30_000, failedDecrypt),
      'spread.jsonl': repeat(10, burstAt + DAY, 40_000, failedDecrypt),
    });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toEqual([]);
  });

  it('does not count failures AWS services make on the principal\'s behalf', async () => {
    const service = (time: number) => event({ name: 'Decrypt', time, identity: viaService(roleSession('app-server', 'i-0abc'), 's3.amazonaws.com'), ip: 's3.amazonaws.com', error: 'KMSInvalidStateException' });
    index = await buildIndex({ 'base.jsonl': background(), 'service.jsonl': repeat(12, burstAt, 10_000, service) });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toEqual([]);
  });

  it('follows the configured threshold', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'nine.jsonl': repeat(6, burstAt, 30_000, failedDecrypt) });
    runDetections(index.db, config({ decryptFailureBurst: { failures: 6, windowMinutes: 5 } }));
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toHaveLength(1);
  });
});
