import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { listHits } from '../../../../src/core/detect/hits-read.js';
import {
  background, buildIndex, config, DAY, event, hitsOf, HOUR, MINUTE, networkActivity, OTHER, repeat, roleSession, T0, user, VPC_ENDPOINT, type TestIndex,
} from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

/** Saturday 2026-11-21, 02:14 UTC: outside business hours, after the learning window. */
const night = T0 + 5 * DAY - 7 * HOUR + 14 * MINUTE;
const deniedDecrypt = (time: number) => networkActivity({ name: 'Decrypt', time, identity: roleSession('batch', 'task-1'), ip: '10.20.3.15' });

describe('vpce-policy-denials', () => {
  it('reports twelve endpoint-policy denials from one role as one burst of refused requests, not failed Decrypts', async () => {
    const denials = repeat(12, night, 20_000, deniedDecrypt);
    index = await buildIndex({ 'base.jsonl': background(), 'vpce.jsonl': denials });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'vpce-policy-denials');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'medium', principal: 'arn:aws:iam::111122223333:role/batch', ip: '10.20.3.15' });
    expect(hit!.eventIDs.sort()).toEqual(denials.map((item) => item.eventID).sort());
    expect(hit!.reason).toMatch(new RegExp(`role/batch had 12 KMS requests on \\S+ refused by the policy of VPC endpoint ${VPC_ENDPOINT} within 3m 40s \\(Decrypt ×12\\)`));
    expect(hit!.reason).toMatch(/KMS never ran them\.$/);
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toEqual([]);
  });

  it('is high when the refused caller is of another account than the endpoint', async () => {
    const outsider = repeat(10, night, 15_000, (time) => networkActivity({ name: 'GenerateDataKey', time, identity: user('probe', OTHER), ip: '10.20.9.9' }));
    index = await buildIndex({ 'base.jsonl': background(), 'vpce.jsonl': outsider });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'vpce-policy-denials');
    expect(hit).toMatchObject({ severity: 'high', title: 'Another account refused at a VPC endpoint' });
    expect(hit!.reason).toContain(`the caller is of account ${OTHER}, not the endpoint's account 111122223333`);
  });

  it('stays quiet for 9 denials in 5 minutes and follows the configured threshold', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'vpce.jsonl': repeat(9, night, 20_000, deniedDecrypt) });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'vpce-policy-denials')).toEqual([]);
    runDetections(index.db, config({ vpcePolicyDenials: { denials: 5, windowMinutes: 5 } }));
    expect(hitsOf(index.db, 'vpce-policy-denials')).toHaveLength(1);
  });

  it('extends the same hit when more denials of the burst arrive in a later run', async () => {
    const denials = repeat(14, night, 10_000, deniedDecrypt);
    index = await buildIndex({ 'base.jsonl': background(), 'a.jsonl': denials.slice(0, 10) });
    runDetections(index.db, config());
    const [before] = hitsOf(index.db, 'vpce-policy-denials');
    await index.add('b.jsonl', denials.slice(10));
    runDetections(index.db, config());
    const [after, ...rest] = hitsOf(index.db, 'vpce-policy-denials');
    expect(rest).toEqual([]);
    expect(after!.id).toBe(before!.id);
    expect(after!.eventIDs).toHaveLength(14);
  });
});

describe('network-activity records in the other rules', () => {
  it('are counted by no rule as the API call they name', async () => {
    const mallory = user('mallory');
    const records = [
      // Failures, by a person at night from an address nobody used, on a key of the account: none of it was a call.
      ...repeat(12, night, 20_000, (time) => networkActivity({ name: 'Decrypt', time, identity: mallory, ip: '203.0.113.66' })),
      networkActivity({ name: 'UpdateTrail', time: night + 5 * MINUTE, identity: mallory, ip: '203.0.113.66', source: 'cloudtrail.amazonaws.com', keyArn: null,
        request: { name: 'prod-audit', s3BucketName: 'attacker-bucket', kmsKeyId: '' } }),
      networkActivity({ name: 'PutKeyPolicy', time: night + 6 * MINUTE, identity: mallory, ip: '203.0.113.66', request: { policy: '{"Statement":[{"Effect":"Allow","Principal":"*"}]}' } }),
      networkActivity({ name: 'ScheduleKeyDeletion', time: night + 7 * MINUTE, identity: mallory, ip: '203.0.113.66' }),
      networkActivity({ name: 'CreateGrant', time: night + 8 * MINUTE, identity: mallory, ip: '203.0.113.66', request: { granteePrincipal: `arn:aws:iam::${OTHER}:role/x` } }),
      // The endpoint owner's copies of allowed calls by another account: far above any data-key baseline.
      ...repeat(300, night, 10_000, (time) => networkActivity({ name: 'GenerateDataKey', time, identity: roleSession('etl', 'job', OTHER), ip: '10.9.9.9', allowed: true })),
    ];
    index = await buildIndex({ 'base.jsonl': background(), 'vpce.jsonl': records });
    runDetections(index.db, config());
    const network = new Set(records.map((record) => record.eventID as string));
    const counted = listHits(index.db).filter((hit) => hit.rule !== 'vpce-policy-denials' && hit.eventIDs.some((id) => network.has(id)));
    expect(counted.map((hit) => `${hit.rule}: ${hit.reason}`)).toEqual([]);
    expect(hitsOf(index.db, 'vpce-policy-denials').map((hit) => hit.eventIDs.length)).toEqual([12]);
  });

  it('leave the API calls next to them counted as before', async () => {
    const failed = repeat(10, night, 20_000, (time) => event({ name: 'Decrypt', time, identity: user('mallory'), ip: '203.0.113.66', error: 'AccessDeniedException' }));
    const copies = failed.map((call) => ({ ...networkActivity({ name: 'Decrypt', time: Date.parse(call.eventTime as string), identity: user('mallory'), ip: '203.0.113.66', allowed: true }) }));
    index = await buildIndex({ 'base.jsonl': background(), 'calls.jsonl': [...failed, ...copies] });
    runDetections(index.db, config());
    const [burst] = hitsOf(index.db, 'decrypt-failure-burst');
    expect(burst!.eventIDs.sort()).toEqual(failed.map((call) => call.eventID).sort());
  });
});
