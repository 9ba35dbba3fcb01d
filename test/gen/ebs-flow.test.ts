import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/gen/rng.js';
import { makeKmsKey } from '../../src/gen/kms-keys.js';
import { ebsLaunchFlow } from '../../src/gen/ebs-flow.js';
import { directActor } from '../../src/gen/actors.js';
import { iamUserIdentity, makeIamUser } from '../../src/gen/identities.js';

describe('ebsLaunchFlow', () => {
  const rng = new Rng(5);
  const account = '111122223333';
  const kmsKey = makeKmsKey(rng, account, 'us-west-2', { aliases: ['alias/aws/ebs'] });
  const alice = makeIamUser(rng, account, 'Alice');
  const flow = ebsLaunchFlow(rng, {
    launcher: directActor(iamUserIdentity(alice), '198.51.100.23', 'console'),
    time: Date.UTC(2026, 10, 19, 14, 22, 5),
    region: 'us-west-2',
    account,
    kmsKey,
    keyId: 'alias/aws/ebs',
    style: 'seed',
  });

  it('links RunInstances to CreateGrant by requestID, as in the KMS guide', () => {
    expect(flow.createGrant.requestID).toBe(flow.runInstances.requestID);
    expect(flow.generateDataKeyWithoutPlaintext.requestID).not.toBe(flow.runInstances.requestID);
    const items = (flow.runInstances.responseElements?.instancesSet as { items: { instanceId: string }[] }).items;
    expect(items.map((item) => item.instanceId)).toEqual([flow.instanceId]);
    expect(flow.runInstances.userIdentity.arn).toBe(alice.arn);
  });

  it('grants the instance Decrypt constrained to the volume, and the instance decrypts', () => {
    expect(flow.createGrant.requestParameters).toMatchObject({
      granteePrincipal: `${account}:aws:ec2-infrastructure:${flow.instanceId}`,
      constraints: { encryptionContextSubset: { 'aws:ebs:id': flow.volumeId } },
    });
    expect(flow.generateDataKeyWithoutPlaintext.requestParameters).toMatchObject({ keyId: 'alias/aws/ebs', encryptionContext: { 'aws:ebs:id': flow.volumeId } });
    expect(flow.decrypt.userIdentity.arn).toBe(`arn:aws:sts::${account}:assumed-role/aws:ec2-infrastructure/${flow.instanceId}`);
    expect(flow.decrypt.requestParameters?.encryptionContext).toEqual({ 'aws:ebs:id': flow.volumeId });
    for (const event of [flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt]) expect(event.resources?.[0]?.ARN).toBe(kmsKey.arn);
  });

  it('happens in order: launch, data key, grant, decrypt', () => {
    const times = [flow.runInstances, flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt].map((event) => event.eventTime);
    expect([...times].sort()).toEqual(times);
  });
});
