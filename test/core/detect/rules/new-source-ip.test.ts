import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../../../src/core/detect/config.js';
import { background, buildIndex, config, DAY, event, hitsOf, HOUR, roleSession, T0, user, viaService, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY + 3 * HOUR;
const aliceFrom = (ip: string, offset = 0) => event({ name: 'Decrypt', time: at + offset, identity: user('alice'), ip });

describe('new-source-ip', () => {
  it('is high for a person on an address nobody used while learning, with every call from it', async () => {
    const calls = [aliceFrom('203.0.113.66'), aliceFrom('203.0.113.66', 60_000)];
    index = await buildIndex({ 'base.jsonl': background(), 'new.jsonl': calls });
    runDetections(index.db, config());
    const principalHit = hitsOf(index.db, 'new-source-ip').find((hit) => hit.principal !== null);
    expect(principalHit).toMatchObject({ severity: 'high', ip: '203.0.113.66', principal: 'arn:aws:iam::111122223333:user/alice' });
    expect(principalHit!.eventIDs.sort()).toEqual(calls.map((call) => call.eventID).sort());
    expect(principalHit!.reason).toMatch(/never used in the learning window \(it called from 198\.51\.100\.10\); nobody in these logs had used it before/);
    const keyHit = hitsOf(index.db, 'new-source-ip').find((hit) => hit.key !== null);
    expect(keyHit).toMatchObject({ severity: 'low', ip: '203.0.113.66' });
  });

  it('does not say nobody had used the address when someone else did after the learning window', async () => {
    const carol = event({ name: 'DescribeKey', time: at - HOUR, identity: user('carol'), ip: '203.0.113.66' });
    index = await buildIndex({ 'base.jsonl': background(), 'new.jsonl': [carol, aliceFrom('203.0.113.66')] });
    runDetections(index.db, config());
    const hit = hitsOf(index.db, 'new-source-ip').find((found) => found.principal?.endsWith('user/alice'));
    expect(hit!.reason).toMatch(/\(it called from 198\.51\.100\.10\); nobody used it in the learning window either\.$/);
  });

  it('is medium when a workload that only ever called from private addresses calls from a public one', async () => {
    const stolen = event({ name: 'Decrypt', time: at, identity: roleSession('app-server', 'i-01abcdef012345678'), ip: '198.18.7.7' });
    index = await buildIndex({ 'base.jsonl': background(), 'new.jsonl': [stolen] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'new-source-ip').filter((found) => found.principal !== null);
    expect(hit).toMatchObject({ severity: 'medium', title: 'Workload credentials used from outside its network', principal: 'arn:aws:iam::111122223333:role/app-server' });
  });

  it('leaves a workload\'s new private addresses alone (they churn with every instance)', async () => {
    const moved = event({ name: 'Decrypt', time: at, identity: roleSession('app-server', 'i-0new'), ip: '10.0.0.77' });
    index = await buildIndex({ 'base.jsonl': background(), 'new.jsonl': [moved] });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'new-source-ip')).toEqual([]);
  });

  it('stays quiet for known addresses, allow-listed ranges, service host names and principals with no baseline', async () => {
    const calls = [
      aliceFrom('198.51.100.10'),
      aliceFrom('192.0.2.44'),
      event({ name: 'Decrypt', time: at, identity: viaService(user('alice'), 's3.amazonaws.com'), ip: 's3.amazonaws.com' }),
      event({ name: 'Decrypt', time: at, identity: user('newcomer'), ip: '203.0.113.9', keyArn: null }),
    ];
    index = await buildIndex({ 'base.jsonl': background(), 'new.jsonl': calls });
    runDetections(index.db, { ...defaultDetectionConfig(), allow: { ...defaultDetectionConfig().allow, ipRanges: ['192.0.2.0/24'] } });
    expect(hitsOf(index.db, 'new-source-ip')).toEqual([]);
  });
});
