import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../../../src/core/detect/config.js';
import { background, buildIndex, config, DAY, event, hitsOf, OTHER, repeat, roleSession, T0, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;
/** How the key owner's trail shows another account's caller: type AWSAccount, `account:principalId`. */
const outsider = { type: 'AWSAccount', principalId: 'AROAEXFIL:exfil-session', accountId: OTHER };

describe('cross-account', () => {
  it('is high when another account starts using a key after the learning window', async () => {
    const calls = repeat(3, at, 60_000, (time) => event({ name: 'Decrypt', time, identity: outsider, ip: '203.0.113.70' }));
    index = await buildIndex({ 'base.jsonl': background(), 'outside.jsonl': calls });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'cross-account');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'high', principal: `${OTHER}:AROAEXFIL:exfil-session`, ip: '203.0.113.70' });
    expect(hit!.reason).toMatch(new RegExp(`of account ${OTHER} used .*, a key of account 111122223333: 3 call\\(s\\) \\(Decrypt ×3\\); it never did so`));
  });

  it('is low for a partner that already used the key in the learning window', async () => {
    const partner = roleSession('etl-runner', 'etl-nightly', '444455556666');
    const calls = [event({ name: 'Decrypt', time: T0 + 3600_000, identity: partner, ip: '10.60.8.12' }), event({ name: 'Decrypt', time: at, identity: partner, ip: '10.60.8.12' })];
    index = await buildIndex({ 'base.jsonl': background(), 'partner.jsonl': calls });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'cross-account').map((hit) => [hit.severity, hit.eventIDs.length, hit.ip])).toEqual([['low', 2, '10.60.8.12']]);
  });

  it('counts a call logged in both accounts once, under the caller that the copy of its own account names', async () => {
    const partner = roleSession('etl-runner', 'etl-nightly', '444455556666');
    const ownerView = { type: 'AWSAccount', principalId: partner.principalId, accountId: '444455556666' };
    const copies = (time: number, index: number) => {
      const sharedEventID = `shared-${index}`;
      return [{ ...event({ name: 'Decrypt', time, identity: ownerView, ip: '10.60.8.12' }), sharedEventID },
        { ...event({ name: 'Decrypt', time, identity: partner, ip: '10.60.8.12', account: '444455556666' }), sharedEventID }];
    };
    const calls = repeat(2, at, 60_000, copies).flat();
    index = await buildIndex({ 'base.jsonl': background(), 'both-trails.jsonl': calls });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'cross-account');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ principal: 'arn:aws:iam::444455556666:role/etl-runner' });
    expect(hit!.reason).toContain('2 call(s) (Decrypt ×2)');
    expect(hit!.eventIDs.sort()).toEqual([calls[1]!.eventID, calls[3]!.eventID].sort());
  });

  it('names an address only when every call came from it', async () => {
    const calls = [event({ name: 'Decrypt', time: at, identity: outsider, ip: '203.0.113.70' }), event({ name: 'Decrypt', time: at + 60_000, identity: outsider, ip: '203.0.113.71' })];
    index = await buildIndex({ 'base.jsonl': background(), 'outside.jsonl': calls });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'cross-account').map((hit) => [hit.eventIDs.length, hit.ip])).toEqual([[2, null]]);
  });

  it('stays quiet within the account and for allow-listed accounts', async () => {
    const calls = [event({ name: 'Decrypt', time: at, identity: user('bob') }), event({ name: 'Decrypt', time: at, identity: outsider, ip: '203.0.113.70' })];
    index = await buildIndex({ 'base.jsonl': background(), 'calls.jsonl': calls });
    runDetections(index.db, { ...defaultDetectionConfig(), allow: { ...defaultDetectionConfig().allow, accounts: [OTHER] } });
    expect(hitsOf(index.db, 'cross-account')).toEqual([]);
  });
});
