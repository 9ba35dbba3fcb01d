import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, HOUR, KEY_ARN, KEY_ID, OTHER, PROD, T0, user, type TestIndex } from '../helpers.js';
import { defaultDetectionConfig } from '../../../../src/core/detect/config.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;
const statement = (sid: string, principal: unknown, condition?: unknown) => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*', ...(condition ? { Condition: condition } : {}) });
const policy = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const own = statement('Enable IAM policies', { AWS: `arn:aws:iam::${PROD}:root` });
const putPolicy = (document: string) => event({ name: 'PutKeyPolicy', time: at, identity: user('mallory'), request: { policyName: 'default', policy: document } });

async function judge(document: string, settings = config()) {
  index = await buildIndex({ 'base.jsonl': background(), 'policy.jsonl': [putPolicy(document)] });
  runDetections(index.db, settings);
  return hitsOf(index.db, 'key-policy-change');
}

describe('key-policy-change', () => {
  it.each([['an hour later', HOUR], ['in the same second (Terraform)', 0]])('names a new key by its id, with the alias it was given %s: the caller made the key, not the alias', async (_, after) => {
    const create = event({ name: 'CreateKey', time: at, identity: user('bob'), response: { keyMetadata: { keyId: KEY_ID, arn: KEY_ARN } } });
    const alias = event({ name: 'CreateAlias', time: at + after, identity: user('alice'), request: { aliasName: 'alias/reports', targetKeyId: KEY_ID } });
    index = await buildIndex({ 'base.jsonl': background(), 'key.jsonl': [create, alias] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'key-policy-change');
    expect(hit!.reason).toBe(`user/bob created ${KEY_ID} (later alias/reports) with the default key policy.`);
  });

  it('is high when the new policy lets another account in, naming the account and the statement', async () => {
    const [hit] = await judge(policy(own, statement('Allow partner account', { AWS: [`arn:aws:iam::${OTHER}:root`] })));
    expect(hit).toMatchObject({ severity: 'high', title: 'Key policy opens the key to another account' });
    expect(hit!.reason).toMatch(new RegExp(`lets account ${OTHER} use the key \\(statement Allow partner account\\)`));
  });

  it('is critical for "*" with no condition, and high when a condition narrows it, saying what limits it', async () => {
    const [open] = await judge(policy(own, statement('Everyone', '*')));
    expect(open).toMatchObject({ severity: 'critical', title: 'Key policy allows everyone' });
    expect(open!.reason).toMatch(/statement Everyone allows any AWS principal \("\*"\) with no condition\.$/);
    index?.close();
    const [org] = await judge(policy(own, statement('Org only', { AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })));
    expect(org).toMatchObject({ severity: 'high', title: 'Key policy allows "*" under a condition' });
    expect(org!.reason).toMatch(/statement Org only allows "\*" only for principals of organization o-a1b2c3d4e5\.$/);
    expect(org!.reason).not.toMatch(/any AWS principal/);
  });

  it('names every limit of a conditioned "*", and says a negated one as written', async () => {
    const vpce = statement('Through the endpoint', '*', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b', 'aws:PrincipalOrgID': 'o-1' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app-*' } });
    const [hit] = await judge(policy(own, vpce));
    expect(hit!.reason).toMatch(/allows "\*" only for requests through VPC endpoint vpce-1a2b and principals of organization o-1 and principals arn:aws:iam::\*:role\/app-\*\.$/);
    index?.close();
    const [negated] = await judge(policy(own, statement('Not the org', '*', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } })));
    expect(negated!.reason).toMatch(/allows "\*" only for aws:PrincipalOrgID StringNotEquals o-1\.$/);
  });

  it('reads "*" bounded to accounts by its condition: low for the key\'s own, high naming another', async () => {
    const managed = statement('Via EBS', { AWS: '*' }, { StringEquals: { 'kms:CallerAccount': PROD, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } });
    const [ownOnly] = await judge(policy(own, managed));
    expect(ownOnly).toMatchObject({ severity: 'low', title: 'Key policy changed' });
    index?.close();
    const [other] = await judge(policy(own, statement('Partner via condition', '*', { StringEquals: { 'aws:PrincipalAccount': OTHER } })));
    expect(other).toMatchObject({ severity: 'high', title: 'Key policy opens the key to another account' });
    expect(other!.reason).toContain(`lets account ${OTHER} use the key (statement Partner via condition)`);
    index?.close();
    const vacuous = statement('Missing key passes', '*', { 'ForAllValues:StringEquals': { 'kms:CallerAccount': [PROD] } });
    expect((await judge(policy(own, vacuous)))[0]).toMatchObject({ severity: 'high', title: 'Key policy allows "*" under a condition' });
  });

  it('stays low for a policy that names only the key\'s own account, or an allow-listed one', async () => {
    expect((await judge(policy(own))).map((hit) => hit.severity)).toEqual(['low']);
    index?.close();
    const trusted = { ...defaultDetectionConfig(), allow: { ...defaultDetectionConfig().allow, accounts: [OTHER] } };
    expect((await judge(policy(own, statement('Partner', { AWS: OTHER })), trusted)).map((hit) => hit.severity)).toEqual(['low']);
  });

  it('reports CreateKey with an outside policy, and plain CreateKey as info', async () => {
    const created = event({ name: 'CreateKey', time: at, request: { policy: policy(own, statement('x', { AWS: `arn:aws:iam::${OTHER}:role/r` })) } });
    const plain = event({ name: 'CreateKey', time: at + 1000, keyArn: null, request: { description: 'plain' } });
    index = await buildIndex({ 'base.jsonl': background(), 'keys.jsonl': [created, plain] });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'key-policy-change').map((hit) => [hit.severity, hit.eventIDs[0]])).toEqual([['high', created.eventID], ['info', plain.eventID]]);
  });
});
