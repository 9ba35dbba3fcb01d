import { describe, expect, it } from 'vitest';
import { chainFor } from '../../../src/core/correlate/chain.js';
import { directActor, vpcEndpointActor } from '../../../src/gen/actors.js';
import { newAccessKeyId } from '../../../src/gen/aws-ids.js';
import { ebsLaunchFlow, type EbsLaunch } from '../../../src/gen/ebs-flow.js';
import { describeInstancesEvent } from '../../../src/gen/ec2-events.js';
import { iamUserIdentity, makeIamRole, makeIamUser, roleSessionIdentity } from '../../../src/gen/identities.js';
import { decryptEvent } from '../../../src/gen/kms-crypto-events.js';
import { makeKmsKey } from '../../../src/gen/kms-keys.js';
import { Rng } from '../../../src/gen/rng.js';
import { assumeRoleEvent } from '../../../src/gen/sts-events.js';
import { MINUTE } from '../../../src/gen/time-format.js';
import { indexEvents } from './index-events.js';

const ACCOUNT = '111122223333';
const REGION = 'us-west-2';
const T0 = Date.UTC(2026, 10, 20, 16, 40, 31);

function world(seed: number) {
  const rng = new Rng(seed);
  const kmsKey = makeKmsKey(rng, ACCOUNT, REGION, { aliases: ['alias/aws/ebs'] });
  const bob = makeIamUser(rng, ACCOUNT, 'bob');
  const bobActor = directActor(iamUserIdentity(bob), '203.0.113.9', 'aws-cli/2.15');
  return { rng, kmsKey, bob, bobActor };
}

/** EC2 calling KMS with Bob's own credentials (invokedBy), the shape of current trails. */
function bobLaunch(seed: number): EbsLaunch {
  const { rng, kmsKey, bobActor } = world(seed);
  return ebsLaunchFlow(rng, { launcher: bobActor, time: T0, region: REGION, account: ACCOUNT, kmsKey, keyId: 'alias/aws/ebs', style: 'forwardAccess' });
}

describe('chains of generated flows', () => {
  it('EC2 acting with Bob\'s credentials folds under Bob\'s RunInstances', async () => {
    const flow = bobLaunch(1);
    const db = await indexEvents([flow.runInstances, flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt]);
    const chain = chainFor(db, flow.decrypt.eventID)!;
    expect(chain.root).toMatchObject({ principal: 'arn:aws:iam::111122223333:user/bob', eventID: flow.runInstances.eventID });
    expect(chain.events.map((event) => [event.eventName, event.folded])).toEqual([
      ['RunInstances', false], ['GenerateDataKeyWithoutPlaintext', true], ['CreateGrant', true], ['Decrypt', true],
    ]);
  });

  it('with the RunInstances outside the logs, Bob\'s on-behalf calls do not make him the root: the launch is named as missing', async () => {
    const flow = bobLaunch(2);
    const db = await indexEvents([flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt]);
    const chain = chainFor(db, flow.decrypt.eventID)!;
    expect(chain.events).toHaveLength(3);
    expect(chain.root).toBeNull();
    expect(chain.missing).toEqual([`no RunInstances for ${flow.instanceId} in the indexed logs: who launched the instance is unknown`]);
  });

  it('a role session chains through its temporary access key to the AssumeRole, whose caller is the root', async () => {
    const { rng, kmsKey, bob, bobActor } = world(3);
    const role = makeIamRole(rng, ACCOUNT, 'deploy');
    const sessionKey = newAccessKeyId(rng, true);
    const assume = assumeRoleEvent({ rng, time: T0, region: REGION, account: ACCOUNT, actor: bobActor }, role, 'bob-deploy', sessionKey);
    const session = directActor(roleSessionIdentity(role, 'bob-deploy', sessionKey), '203.0.113.9', 'aws-cli/2.15');
    const decrypt = decryptEvent({ rng, time: T0 + 5 * MINUTE, region: REGION, account: ACCOUNT, actor: session }, { kmsKey });
    const db = await indexEvents([assume, decrypt]);
    const chain = chainFor(db, decrypt.eventID)!;
    expect(chain.root).toMatchObject({ principal: bob.arn, eventID: assume.eventID });
    expect(chain.events[0]?.link).toEqual({ kind: 'accesskey', value: sessionKey, reason: 'same access key, issued in AssumeRole response' });
  });

  it('follows role chaining back through each AssumeRole to the person who started it, without the sessions\' other calls', async () => {
    const { rng, kmsKey, bob, bobActor } = world(9);
    const [hop, target] = [makeIamRole(rng, ACCOUNT, 'hop'), makeIamRole(rng, ACCOUNT, 'target')];
    const [hopKey, targetKey] = [newAccessKeyId(rng, true), newAccessKeyId(rng, true)];
    const call = (time: number, actor: typeof bobActor) => ({ rng, time, region: REGION, account: ACCOUNT, actor });
    const hopActor = directActor(roleSessionIdentity(hop, 'bob-hop', hopKey), '203.0.113.9', 'aws-cli/2.15');
    const targetActor = directActor(roleSessionIdentity(target, 'bob-target', targetKey), '203.0.113.9', 'aws-cli/2.15');
    const first = assumeRoleEvent(call(T0, bobActor), hop, 'bob-hop', hopKey);
    const hopChatter = describeInstancesEvent(call(T0 + MINUTE, hopActor));
    const second = assumeRoleEvent(call(T0 + 2 * MINUTE, hopActor), target, 'bob-target', targetKey);
    const decrypt = decryptEvent(call(T0 + 3 * MINUTE, targetActor), { kmsKey });
    const db = await indexEvents([first, hopChatter, second, decrypt]);
    const chain = chainFor(db, decrypt.eventID)!;
    expect(chain.events.map((event) => event.eventID)).toEqual([first.eventID, second.eventID, decrypt.eventID]);
    expect(chain.root).toMatchObject({ principal: bob.arn, eventID: first.eventID });
  });

  it('does not follow a long-term access key, a user, a key or an IP: a human\'s own call is its own root', async () => {
    const { rng, kmsKey, bob, bobActor } = world(4);
    const calls = [0, 1, 2].map((i) => decryptEvent({ rng, time: T0 + i * MINUTE, region: REGION, account: ACCOUNT, actor: bobActor }, { kmsKey }));
    const db = await indexEvents(calls);
    const chain = chainFor(db, calls[1]!.eventID)!;
    expect(chain.events.map((event) => event.eventID)).toEqual([calls[1]!.eventID]);
    expect(chain.root).toMatchObject({ principal: bob.arn, eventID: calls[1]!.eventID });
    expect(chain.missing).toEqual([]);
  });

  it('a DescribeInstances listing a fleet is not a link between its instances', async () => {
    const flow = bobLaunch(5);
    const { rng, bobActor } = world(5);
    const fleet = [flow.instanceId, ...Array.from({ length: 20 }, (_, i) => `i-0${String(i).padStart(16, 'a')}`)];
    const describe = describeInstancesEvent({ rng, time: T0 + MINUTE, region: REGION, account: ACCOUNT, actor: bobActor }, fleet);
    const db = await indexEvents([flow.runInstances, flow.createGrant, flow.decrypt, describe]);
    const chain = chainFor(db, flow.decrypt.eventID)!;
    expect(chain.events.map((event) => event.eventName)).toEqual(['RunInstances', 'CreateGrant', 'Decrypt']);
  });

  it('keeps the launcher\'s other calls out: past the origin a session leads only to where it was issued', async () => {
    const { rng, kmsKey } = world(7);
    const admin = makeIamRole(rng, ACCOUNT, 'AWSReservedSSO_Admin_0123456789abcdef');
    const launcher = directActor(roleSessionIdentity(admin, 'dana@example.com', newAccessKeyId(rng, true)), '203.0.113.30', 'aws-cli/2.15');
    const flow = ebsLaunchFlow(rng, { launcher, time: T0, region: REGION, account: ACCOUNT, kmsKey, keyId: 'alias/aws/ebs', style: 'forwardAccess' });
    const sameSession = [1, 2, 3].map((i) => describeInstancesEvent({ rng, time: T0 + i * MINUTE, region: REGION, account: ACCOUNT, actor: launcher }));
    const db = await indexEvents([flow.runInstances, flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt, ...sameSession]);
    const chain = chainFor(db, flow.decrypt.eventID)!;
    expect(chain.events.map((event) => event.eventName)).toEqual(['RunInstances', 'GenerateDataKeyWithoutPlaintext', 'CreateGrant', 'Decrypt']);
    expect(chain.root?.principal).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/dana@example.com`);
    // Asked from the session's own call, its siblings are the chain.
    expect(chainFor(db, sameSession[0]!.eventID)!.events.length).toBeGreaterThanOrEqual(4);
  });

  it('does not drift from one instance\'s calls to another instance named by one of them', async () => {
    const { rng, kmsKey } = world(8);
    const role = makeIamRole(rng, ACCOUNT, 'app');
    const onInstance = (instanceId: string) => directActor(roleSessionIdentity(role, instanceId, newAccessKeyId(rng, true)), '10.0.0.9', 'aws-sdk-go');
    const [a, b] = ['i-0aaaaaaaaaaaaaaaa', 'i-0bbbbbbbbbbbbbbbb'];
    const decryptOnA = decryptEvent({ rng, time: T0, region: REGION, account: ACCOUNT, actor: onInstance(a) }, { kmsKey });
    const describeB = describeInstancesEvent({ rng, time: T0 + MINUTE, region: REGION, account: ACCOUNT, actor: onInstance(a) }, [b]);
    const callsOnB = [2, 3].map((i) => decryptEvent({ rng, time: T0 + i * MINUTE, region: REGION, account: ACCOUNT, actor: onInstance(b) }, { kmsKey }));
    const db = await indexEvents([decryptOnA, describeB, ...callsOnB]);
    expect(chainFor(db, decryptOnA.eventID)!.events.map((event) => event.eventID)).toEqual([decryptOnA.eventID, describeB.eventID]);
  });

  it('stops at the size bound, keeps the origin, and says it was cut short', async () => {
    const { rng, kmsKey } = world(6);
    const role = makeIamRole(rng, ACCOUNT, 'batch-worker');
    const worker = vpcEndpointActor(roleSessionIdentity(role, 'i-0123456789abcdef0', newAccessKeyId(rng, true)), '10.0.0.5', 'aws-sdk-java', 'vpce-01');
    const calls = Array.from({ length: 60 }, (_, i) => decryptEvent({ rng, time: T0 + i * MINUTE, region: REGION, account: ACCOUNT, actor: worker }, { kmsKey }));
    const db = await indexEvents(calls);
    const origin = calls[30]!;
    const chain = chainFor(db, origin.eventID, { maxEvents: 10 })!;
    expect(chain.events).toHaveLength(10);
    expect(chain.events.some((event) => event.eventID === origin.eventID)).toBe(true);
    expect(chain.truncated).toBe(true);
    // Same instance session, launch never seen: no root is guessed from the instance's own calls.
    expect(chain.root).toBeNull();
    expect(chainFor(db, origin.eventID, { maxEvents: 1000, perValue: 1000 })!.truncated).toBe(false);
  });
});
