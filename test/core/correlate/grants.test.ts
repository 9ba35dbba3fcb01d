import { describe, expect, it } from 'vitest';
import { grantsForKey } from '../../../src/core/correlate/grants.js';
import { directActor, onBehalfOf, serviceActor } from '../../../src/gen/actors.js';
import { kmsAccessDenied } from '../../../src/gen/api-errors.js';
import { newGrantId } from '../../../src/gen/aws-ids.js';
import { ebsLaunchFlow } from '../../../src/gen/ebs-flow.js';
import { awsAccountIdentity, iamUserIdentity, makeIamRole, makeIamUser, roleSessionIdentity } from '../../../src/gen/identities.js';
import { decryptEvent, encryptEvent } from '../../../src/gen/kms-crypto-events.js';
import { createGrantEvent, retireGrantEvent, revokeGrantEvent } from '../../../src/gen/kms-grant-events.js';
import { makeKmsKey } from '../../../src/gen/kms-keys.js';
import { Rng } from '../../../src/gen/rng.js';
import { HOUR, MINUTE } from '../../../src/gen/time-format.js';
import { indexEvents } from './index-events.js';

const ACCOUNT = '111122223333';
const PARTNER = '444455556666';
const REGION = 'us-east-1';
const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

function setting() {
  const rng = new Rng(7);
  const kmsKey = makeKmsKey(rng, ACCOUNT, REGION, { aliases: ['alias/prod-data'] });
  const carol = makeIamUser(rng, ACCOUNT, 'carol');
  const carolActor = directActor(iamUserIdentity(carol), '203.0.113.20', 'aws-cli/2.15');
  const call = (time: number, actor = carolActor) => ({ rng, time, region: REGION, account: ACCOUNT, actor });
  return { rng, kmsKey, carol, carolActor, call };
}

describe('grant lifecycle of a key', () => {
  it('an EBS grant: made by EC2 for Carol, constrained to the volume, used by the instance, retired by EC2', async () => {
    const { rng, kmsKey, carolActor, call } = setting();
    const flow = ebsLaunchFlow(rng, { launcher: carolActor, time: T0, region: REGION, account: ACCOUNT, kmsKey, keyId: kmsKey.arn, style: 'forwardAccess' });
    const retire = retireGrantEvent(call(T0 + 5 * HOUR, serviceActor('ec2.amazonaws.com')), kmsKey, flow.grantId);
    const db = await indexEvents([flow.runInstances, flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt, retire]);
    const [grant, ...others] = grantsForKey(db, kmsKey.arn);
    expect(others).toEqual([]);
    expect(grant).toMatchObject({
      grantId: flow.grantId,
      grantee: `${ACCOUNT}:aws:ec2-infrastructure:${flow.instanceId}`,
      operations: ['Decrypt'],
      constraints: [`aws:ebs:id=${flow.volumeId} (subset)`],
      status: 'retired',
      created: { eventID: flow.createGrant.eventID, principal: 'arn:aws:iam::111122223333:user/carol', onBehalf: true },
      ended: { eventID: retire.eventID, eventName: 'RetireGrant', principal: 'ec2.amazonaws.com' },
    });
    expect(grant?.granteeCalls).toEqual({
      count: 1, capped: false,
      principals: [{ value: `arn:aws:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/${flow.instanceId}`, count: 1 }],
    });
  });

  it('a grant to another account: revoked, with the partner\'s calls counted only while it was open', async () => {
    const { rng, kmsKey, call } = setting();
    const grantId = newGrantId(rng);
    const create = createGrantEvent(call(T0), { kmsKey, keyId: kmsKey.arn, granteePrincipal: `arn:aws:iam::${PARTNER}:root`, operations: ['Decrypt', 'Encrypt'], grantId });
    const partner = { identity: awsAccountIdentity(PARTNER, 'AROAPARTNER:etl'), sourceIPAddress: '198.51.100.4', userAgent: 'aws-sdk-go' };
    const uses = [1, 2, 3].map((i) => decryptEvent(call(T0 + i * MINUTE, partner), { kmsKey }));
    const revoke = revokeGrantEvent(call(T0 + 10 * MINUTE), kmsKey, kmsKey.keyId, grantId);
    const late = decryptEvent(call(T0 + 20 * MINUTE, partner), { kmsKey });
    const db = await indexEvents([create, ...uses, revoke, late]);
    const [grant] = grantsForKey(db, kmsKey.keyId);
    expect(grant).toMatchObject({ status: 'revoked', ended: { eventID: revoke.eventID }, operations: ['Decrypt', 'Encrypt'] });
    expect(grant?.created.onBehalf).toBe(false);
    expect(grant?.granteeCalls?.count).toBe(3);
  });

  it('a grant to another account\'s role: calls the key owner\'s copies name only by id are counted apart, as maybe the grantee\'s', async () => {
    const { rng, kmsKey, call } = setting();
    const grantId = newGrantId(rng);
    const create = createGrantEvent(call(T0), { kmsKey, keyId: kmsKey.arn, granteePrincipal: `arn:aws:iam::${PARTNER}:role/etl-runner`, operations: ['Decrypt'], grantId });
    // The owner's trail gets the partner's calls as AWSAccount callers: account and role session id, no role name.
    const partner = { identity: awsAccountIdentity(PARTNER, 'AROAPARTNER:etl'), sourceIPAddress: '198.51.100.4', userAgent: 'aws-sdk-go' };
    const uses = [1, 2].map((i) => decryptEvent(call(T0 + i * MINUTE, partner), { kmsKey }));
    const db = await indexEvents([create, ...uses]);
    const [grant] = grantsForKey(db, kmsKey.arn);
    expect(grant?.granteeCalls).toBeNull();
    expect(grant?.unnamedCallers).toEqual({ account: PARTNER, count: 2, capped: false, principals: [{ value: `${PARTNER}:AROAPARTNER:etl`, count: 2 }] });
  });

  /** A grant to the partner (`grantee`: its role, or its account root), then two Decrypts by the partner's role as an org trail holds them: each twice. */
  async function orgTrailGrant(grantee: 'role' | 'root') {
    const { rng, kmsKey, call } = setting();
    const role = makeIamRole(rng, PARTNER, 'etl-runner');
    const granteePrincipal = grantee === 'role' ? role.arn : `arn:aws:iam::${PARTNER}:root`;
    const create = createGrantEvent(call(T0), { kmsKey, keyId: kmsKey.arn, granteePrincipal, operations: ['Decrypt'], grantId: newGrantId(rng) });
    const session = roleSessionIdentity(role, 'etl', 'ASIAPARTNER');
    // The caller's copy names the session; the key owner's names the account and the role's id.
    const callerCopy = { identity: session, sourceIPAddress: '198.51.100.4', userAgent: 'aws-sdk-go' };
    const ownerCopy = { identity: awsAccountIdentity(PARTNER, `${String(session.principalId).split(':')[0]}:etl`), sourceIPAddress: '198.51.100.4', userAgent: 'aws-sdk-go' };
    const uses = [1, 2].flatMap((i) => [decryptEvent(call(T0 + i * MINUTE, callerCopy), { kmsKey }), decryptEvent(call(T0 + i * MINUTE, ownerCopy), { kmsKey })]);
    const db = await indexEvents([create, ...uses]);
    return { grant: grantsForKey(db, kmsKey.arn)[0], session };
  }

  it('an organization trail holds both copies of those calls: the grantee\'s own are counted once, the owner\'s copies not again', async () => {
    const { grant } = await orgTrailGrant('role');
    expect(grant?.granteeCalls?.count).toBe(2);
    expect(grant?.unnamedCallers).toBeNull();
  });

  it('a grant to another account on an organization trail counts each call once, not its owner\'s copy again', async () => {
    const { grant, session } = await orgTrailGrant('root');
    expect(grant?.granteeCalls).toMatchObject({ count: 2, principals: [{ value: String(session.arn), count: 2 }] });
  });

  it('a grant to the key\'s own account counts that account\'s principals\' calls of the granted operations, not every call its trail received', async () => {
    const { rng, kmsKey, call } = setting();
    const grantId = newGrantId(rng);
    const create = createGrantEvent(call(T0), { kmsKey, keyId: kmsKey.arn, granteePrincipal: `arn:aws:iam::${ACCOUNT}:root`, operations: ['Decrypt'], grantId });
    const own = [1, 2].map((i) => decryptEvent(call(T0 + i * MINUTE), { kmsKey }));
    // Carol's call of an operation the grant does not allow is not a use of it.
    const notGranted = encryptEvent(call(T0 + 5 * MINUTE), { kmsKey });
    // Delivered to the key owner's trail: recipientAccountId is the owner's account, the callers are not.
    const partner = { identity: awsAccountIdentity(PARTNER, 'AROAPARTNER:etl'), sourceIPAddress: '198.51.100.4', userAgent: 'aws-sdk-go' };
    const others = [decryptEvent(call(T0 + 3 * MINUTE, partner), { kmsKey }), decryptEvent(call(T0 + 4 * MINUTE, serviceActor('s3.amazonaws.com')), { kmsKey })];
    const db = await indexEvents([create, ...own, ...others, notGranted]);
    const [grant] = grantsForKey(db, kmsKey.arn);
    // Carol's own CreateGrant is not a use of the grant.
    expect(grant?.granteeCalls).toEqual({ count: 2, capped: false, principals: [{ value: 'arn:aws:iam::111122223333:user/carol', count: 2 }] });
  });

  it('names a key the same way whatever form is asked, lists open grants, and skips refused CreateGrants', async () => {
    const { rng, kmsKey, carol, call } = setting();
    const open = createGrantEvent(call(T0), { kmsKey, keyId: kmsKey.arn, granteePrincipal: 'arn:aws:iam::111122223333:role/never-seen', operations: ['Encrypt'], grantId: newGrantId(rng) });
    const refused = { ...createGrantEvent({ ...call(T0 + MINUTE), error: kmsAccessDenied(carol.arn, 'kms:CreateGrant', kmsKey.arn) },
      { kmsKey, keyId: kmsKey.arn, granteePrincipal: 'x', operations: ['Decrypt'], grantId: newGrantId(rng) }) };
    const onBehalf = createGrantEvent(call(T0 + 2 * MINUTE, onBehalfOf(iamUserIdentity(carol), 'rds.amazonaws.com')),
      { kmsKey, keyId: 'alias/prod-data', granteePrincipal: 'rds.us-east-1.amazonaws.com', operations: ['Decrypt'], grantId: newGrantId(rng) });
    const db = await indexEvents([open, refused, onBehalf]);
    for (const name of ['alias/prod-data', kmsKey.keyId, kmsKey.arn]) {
      expect(grantsForKey(db, name).map((grant) => grant.created.eventID)).toEqual([onBehalf.eventID, open.eventID]);
    }
    const [rds, unseen] = grantsForKey(db, kmsKey.arn);
    expect(rds?.created.onBehalf).toBe(true);
    expect(unseen).toMatchObject({ status: 'open', ended: null, granteeCalls: null });
    expect(grantsForKey(db, 'alias/no-such-key')).toEqual([]);
  });
});
