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

  describe('a call logged in both accounts', () => {
    const partner = roleSession('etl-runner', 'etl-nightly', '444455556666');
    const ownerView = { type: 'AWSAccount', principalId: partner.principalId, accountId: '444455556666' };
    const shared = (record: Record<string, unknown>, index: number): Record<string, unknown> => ({ ...record, sharedEventID: `shared-${index}` });
    /** The key owner's copies (its trail) and the caller's copies (the partner account's trail) of two calls. */
    const ownerCopies = () => Array.from({ length: 2 }, (_, index) => shared(event({ name: 'Decrypt', time: at + index * 60_000, identity: ownerView, ip: '10.60.8.12' }), index));
    const callerCopies = () => Array.from({ length: 2 }, (_, index) =>
      shared(event({ name: 'Decrypt', time: at + index * 60_000, identity: partner, ip: '10.60.8.12', account: '444455556666' }), index));
    const hitsNow = () => hitsOf(index!.db, 'cross-account').map((hit) => ({ principal: hit.principal, events: hit.eventIDs.length, reason: hit.reason }));
    const ROLE = 'arn:aws:iam::444455556666:role/etl-runner';

    it('counts once, under the caller that the copy of its own account names', async () => {
      const callers = callerCopies();
      index = await buildIndex({ 'base.jsonl': background(), 'owner.jsonl': ownerCopies(), 'caller.jsonl': callers });
      runDetections(index.db, config());
      const [hit, ...rest] = hitsOf(index.db, 'cross-account');
      expect(rest).toEqual([]);
      expect(hit).toMatchObject({ principal: ROLE });
      expect(hit!.reason).toContain('2 call(s) (Decrypt ×2)');
      expect(hit!.eventIDs.sort()).toEqual(callers.map((record) => String(record.eventID)).sort());
    });

    it('counts each copy alone when the other trail is not among the logs', async () => {
      index = await buildIndex({ 'base.jsonl': background(), 'caller.jsonl': callerCopies() });
      runDetections(index.db, config());
      expect(hitsNow().map(({ principal, events }) => [principal, events])).toEqual([[ROLE, 2]]);
      index.close();
      index = await buildIndex({ 'base.jsonl': background(), 'owner.jsonl': ownerCopies() });
      runDetections(index.db, config());
      expect(hitsNow().map(({ principal, events }) => [principal, events])).toEqual([['444455556666:AROAETL-RUNNER:etl-nightly', 2]]);
    });

    it('counts a record of no identity type that has a sharedEventID', async () => {
      // The owner's copies put the AWSAccount type into the index; this record of a third call has no type.
      const untyped = { ...event({ name: 'Decrypt', time: at + 3_600_000, identity: { arn: partner.arn, principalId: partner.principalId, accountId: '444455556666' },
        ip: '10.60.8.12', account: '444455556666' }), sharedEventID: 'shared-untyped' };
      index = await buildIndex({ 'base.jsonl': background(), 'owner.jsonl': ownerCopies(), 'untyped.jsonl': [untyped] });
      runDetections(index.db, config());
      expect(hitsNow().map(({ principal, events }) => [principal, events]).sort()).toEqual([
        ['444455556666:AROAETL-RUNNER:etl-nightly', 2], [partner.arn, 1]]);
    });

    it('counts the owner copy whose only partner is a network-activity record: that is no copy of the call', async () => {
      const [first] = ownerCopies();
      const throughEndpoint = { ...event({ name: 'Decrypt', time: at, identity: partner, ip: '10.60.8.12', account: '444455556666' }),
        eventType: 'AwsVpceEvent', eventCategory: 'NetworkActivity', sharedEventID: first!.sharedEventID };
      index = await buildIndex({ 'base.jsonl': background(), 'owner.jsonl': [first!], 'endpoint.jsonl': [throughEndpoint] });
      runDetections(index.db, config());
      expect(hitsNow().map(({ principal, events }) => [principal, events])).toEqual([['444455556666:AROAETL-RUNNER:etl-nightly', 1]]);
    });

    it('starts nothing over for owner copies that back no hit', async () => {
      // Copies of an S3 call: no key, so no rule builds a hit on the owner's copy.
      const object = (identity: Record<string, unknown>, account: string) => shared(event({ name: 'GetObject', source: 's3.amazonaws.com', keyArn: null,
        time: at, identity, ip: '10.60.8.12', account }), 9);
      index = await buildIndex({ 'base.jsonl': background(), 'owner.jsonl': [object(ownerView, '111122223333')] });
      runDetections(index.db, config());
      await index.add('caller.jsonl', [object(partner, '444455556666')]);
      expect(runDetections(index.db, config()).fullRun).toBe(false);
    });

    it('judges again when the copies of the caller arrive after those of the owner were judged alone', async () => {
      index = await buildIndex({ 'base.jsonl': background(), 'owner.jsonl': ownerCopies() });
      runDetections(index.db, config());
      expect(hitsNow()).toHaveLength(1);
      await index.add('caller.jsonl', callerCopies());
      expect(runDetections(index.db, config()).fullRun).toBe(true);
      expect(hitsNow().map(({ principal, events }) => [principal, events])).toEqual([[ROLE, 2]]);
      await index.add('more-base.jsonl', [event({ name: 'Decrypt', time: at + 3_600_000, identity: user('bob') })]);
      expect(runDetections(index.db, config()).fullRun).toBe(false);
    });
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
