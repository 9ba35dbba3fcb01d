import type { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import type { Actor } from '../cloudtrail-event.js';
import { directActor } from '../actors.js';
import { iamUserIdentity } from '../identities.js';
import { accessDenied, incorrectKey, invalidCiphertext, kmsAccessDenied } from '../api-errors.js';
import { getCallerIdentityEvent } from '../sts-events.js';
import { getUserEvent, listAttachedUserPoliciesEvent, listRolesEvent, listUsersEvent } from '../iam-events.js';
import { describeKeyEvent, getKeyPolicyEvent, listKeysEvent } from '../kms-key-admin-events.js';
import { listAliasesEvent } from '../kms-alias-events.js';
import { listGrantsEvent } from '../kms-grant-events.js';
import { decryptEvent } from '../kms-crypto-events.js';
import { customerContext } from '../encryption-context.js';
import { SEED_CUSTOMER } from './customers.js';
import { INCIDENT } from './timeline.js';
import { ATTACKER_IP, ATTACKER_USER_AGENT, PROD, type StoryCast } from './cast.js';

/**
 * The first two hours of the incident: deploy-bot's stolen access key, used from
 * 203.0.113.66 with boto3, checks who it is, maps IAM and KMS, hammers alias/payments
 * with Decrypts it is not allowed to make, then decrypts finance records it can.
 */
export interface IncidentRecon {
  events: CloudTrailEvent[];
  eventIds: { callerIdentity: string[]; iamRecon: string[]; kmsRecon: string[]; decryptFailureBurst: string[]; contextDecrypts: string[] };
}

export const attackerActor = (cast: StoryCast): Actor => directActor(iamUserIdentity(cast.deployBot), ATTACKER_IP, ATTACKER_USER_AGENT);

const ids = (events: CloudTrailEvent[]): string[] => events.map((event) => event.eventID);

export function incidentRecon(rng: Rng, cast: StoryCast): IncidentRecon {
  const actor = attackerActor(cast);
  const call = (time: number, region = 'us-east-1') => ({ rng, time, region, account: PROD, actor });
  const userArn = cast.deployBot.arn;
  const callerIdentity = [getCallerIdentityEvent(call(INCIDENT.start))];
  const iamRecon = [
    getUserEvent(call(INCIDENT.iamRecon)),
    listAttachedUserPoliciesEvent({ ...call(INCIDENT.iamRecon + 20_000), error: accessDenied(userArn, 'iam:ListAttachedUserPolicies', userArn) }, 'deploy-bot'),
    listUsersEvent({ ...call(INCIDENT.iamRecon + 31_000), error: accessDenied(userArn, 'iam:ListUsers', `arn:aws:iam::${PROD}:user/`) }),
    listRolesEvent({ ...call(INCIDENT.iamRecon + 39_000), error: accessDenied(userArn, 'iam:ListRoles', `arn:aws:iam::${PROD}:role/`) }),
  ];
  const kmsRecon = kmsDiscovery(rng, cast, call);
  const decryptFailureBurst = decryptBurst(rng, cast, call);
  const contextDecrypts = [SEED_CUSTOMER, SEED_CUSTOMER, 'cust-41207'].map((customer, index) =>
    decryptEvent(call(INCIDENT.contextDecrypts + index * 37_000), { kmsKey: cast.keys.finance, context: customerContext(customer, 'finance') }),
  );
  return {
    events: [...callerIdentity, ...iamRecon, ...kmsRecon, ...decryptFailureBurst, ...contextDecrypts],
    eventIds: { callerIdentity: ids(callerIdentity), iamRecon: ids(iamRecon), kmsRecon: ids(kmsRecon), decryptFailureBurst: ids(decryptFailureBurst), contextDecrypts: ids(contextDecrypts) },
  };
}

type CallAt = (time: number, region?: string) => { rng: Rng; time: number; region: string; account: string; actor: Actor };

/** ListKeys and ListAliases in every region, then DescribeKey and GetKeyPolicy on the good ones. */
function kmsDiscovery(rng: Rng, cast: StoryCast, call: CallAt): CloudTrailEvent[] {
  const { payments, prodData, finance, tokenization } = cast.keys;
  const start = INCIDENT.kmsRecon;
  const events = [
    listKeysEvent(call(start)),
    listAliasesEvent(call(start + 15_000)),
    listKeysEvent(call(start + 36_000, 'us-west-2')),
    listKeysEvent(call(start + 50_000, 'eu-west-1')),
    listAliasesEvent(call(start + 58_000, 'eu-west-1')),
  ];
  [payments, prodData, finance, tokenization].forEach((kmsKey, index) => {
    events.push(describeKeyEvent(call(start + 80_000 + index * 9_000), kmsKey, kmsKey.aliases[0] ?? kmsKey.keyId));
  });
  events.push(getKeyPolicyEvent(call(start + 150_000), payments, payments.arn));
  events.push(getKeyPolicyEvent(call(start + 171_000), prodData, prodData.arn));
  events.push(listGrantsEvent(call(start + 190_000), prodData, prodData.arn));
  events.push(getKeyPolicyEvent(call(INCIDENT.policyChange), prodData, prodData.keyId));
  return events;
}

/** 18 failed Decrypts on alias/payments in 4.5 minutes: wrong key, no permission, bad blobs. */
function decryptBurst(rng: Rng, cast: StoryCast, call: CallAt): CloudTrailEvent[] {
  const { payments } = cast.keys;
  const errors = [
    ...Array.from({ length: 10 }, () => kmsAccessDenied(cast.deployBot.arn, 'Decrypt', payments.arn)),
    ...Array.from({ length: 6 }, () => incorrectKey()),
    invalidCiphertext(),
    invalidCiphertext(),
  ];
  rng.shuffle(errors);
  return errors.map((error, index) => {
    const time = INCIDENT.decryptBurst + index * 15_000 + rng.int(10_000);
    const context = index % 3 === 0 ? customerContext(SEED_CUSTOMER, 'finance') : undefined;
    return decryptEvent({ ...call(time), error }, { kmsKey: payments, keyId: 'alias/payments', context });
  });
}
