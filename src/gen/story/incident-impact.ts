import type { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import type { Actor } from '../cloudtrail-event.js';
import { directActor } from '../actors.js';
import { awsAccountIdentity } from '../identities.js';
import { newGrantId } from '../aws-ids.js';
import { aliasArn } from '../kms-keys.js';
import { decryptEvent, generateDataKeyEvent } from '../kms-crypto-events.js';
import { disableKeyRotationEvent, putKeyPolicyEvent, scheduleKeyDeletionEvent } from '../kms-key-admin-events.js';
import { createGrantEvent, listGrantsEvent } from '../kms-grant-events.js';
import { accountRootStatement, externalAccountStatement, keyPolicyDocument } from '../key-policy.js';
import { putEventSelectorsEvent } from '../cloudtrail-events.js';
import { describeInstancesEvent, describeVolumesEvent, ec2DescribeEvent } from '../ec2-events.js';
import { MINUTE } from '../time-format.js';
import { attackerActor } from './incident-recon.js';
import { DELIVERY_GAP, INCIDENT } from './timeline.js';
import { ATTACKER_USER_AGENT, EXTERNAL, EXTERNAL_IP, PROD, PROD_TRAIL_ARN, type StoryCast } from './cast.js';

/**
 * The second half: a data-key flood on alias/prod-data, a key policy and a grant that let
 * account 999988887777 in, Decrypts from that account, rotation off, alias/payments' key
 * scheduled for deletion in 7 days, and KMS excluded from the prod trail. Then some
 * calls nobody's S3 copy of the account trail will show.
 */
export interface IncidentImpact {
  events: CloudTrailEvent[];
  grantId: string;
  externalGrantee: string;
  eventIds: {
    dataKeyFlood: string[];
    policyChange: string[];
    externalGrant: string[];
    crossAccountDecrypt: string[];
    rotationDisabled: string[];
    keyDeletionScheduled: string[];
    trailTampering: string[];
    afterTampering: string[];
    duringDeliveryGap: string[];
  };
}

const ids = (events: CloudTrailEvent[]): string[] => events.map((event) => event.eventID);

export const externalActor = (cast: StoryCast): Actor => directActor(awsAccountIdentity(EXTERNAL, cast.exfilPrincipalId), EXTERNAL_IP, ATTACKER_USER_AGENT);

export function incidentImpact(rng: Rng, cast: StoryCast): IncidentImpact {
  const { prodData, payments } = cast.keys;
  const attacker = attackerActor(cast);
  const call = (time: number, actor = attacker, region = 'us-east-1') => ({ rng, time, region, account: PROD, actor });
  const floodSpan = INCIDENT.dataKeyFloodEnd - INCIDENT.dataKeyFloodStart;
  const dataKeyFlood = Array.from({ length: 260 }, (_, index) =>
    generateDataKeyEvent(call(INCIDENT.dataKeyFloodStart + Math.floor((index * floodSpan) / 260) + rng.int(8_000)), { kmsKey: prodData, keyId: 'alias/prod-data' }),
  );
  const policy = keyPolicyDocument([accountRootStatement(PROD), externalAccountStatement(EXTERNAL, 'Allow partner account')]);
  const policyChange = [putKeyPolicyEvent(call(INCIDENT.policyChange + 95_000), prodData, prodData.keyId, policy)];
  const grantId = newGrantId(rng);
  const externalGrantee = `arn:aws:iam::${EXTERNAL}:role/exfil-runner`;
  const grant = { kmsKey: prodData, keyId: prodData.arn, granteePrincipal: externalGrantee, operations: ['Decrypt', 'GenerateDataKey', 'DescribeKey'], grantId };
  const externalGrant = [createGrantEvent(call(INCIDENT.externalGrant), grant)];
  const crossAccountDecrypt = externalDecrypts(rng, cast, INCIDENT.crossAccountDecrypts, 12);
  const rotationDisabled = [disableKeyRotationEvent(call(INCIDENT.rotationDisabled), prodData, prodData.keyId)];
  const keyDeletionScheduled = [scheduleKeyDeletionEvent(call(INCIDENT.keyDeletionScheduled), payments, payments.keyId, 7)];
  const selectors = [{ readWriteType: 'All' as const, includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'] }];
  const trailTampering = [putEventSelectorsEvent(call(INCIDENT.trailTampering), PROD_TRAIL_ARN, selectors)];
  const afterTampering = [
    listGrantsEvent(call(INCIDENT.afterTampering), prodData, prodData.arn),
    ...Array.from({ length: 10 }, (_, index) => generateDataKeyEvent(call(INCIDENT.afterTampering + 5 * MINUTE + index * 41_000), { kmsKey: prodData, keyId: 'alias/prod-data' })),
    ...externalDecrypts(rng, cast, INCIDENT.afterTampering + 20 * MINUTE, 6),
  ];
  const gapStart = DELIVERY_GAP.from + 3 * MINUTE;
  const duringDeliveryGap = [
    describeInstancesEvent(call(gapStart, attacker, 'us-west-2')),
    describeVolumesEvent(call(gapStart + 22_000, attacker, 'us-west-2')),
    ec2DescribeEvent(call(gapStart + 47_000, attacker, 'us-west-2'), 'DescribeSnapshots', { ownersSet: { items: [{ owner: 'self' }] }, filterSet: {} }),
  ];
  const groups = { dataKeyFlood, policyChange, externalGrant, crossAccountDecrypt, rotationDisabled, keyDeletionScheduled, trailTampering, afterTampering, duringDeliveryGap };
  return {
    events: Object.values(groups).flat(),
    grantId,
    externalGrantee,
    eventIds: Object.fromEntries(Object.entries(groups).map(([name, events]) => [name, ids(events)])) as IncidentImpact['eventIds'],
  };
}

/** Decrypts from the other account name the key by key ARN or alias ARN (cross-account needs one). */
function externalDecrypts(rng: Rng, cast: StoryCast, start: number, count: number): CloudTrailEvent[] {
  const { prodData } = cast.keys;
  const actor = externalActor(cast);
  return Array.from({ length: count }, (_, index) => {
    const time = start + index * 50_000 + rng.int(20_000);
    const keyId = index % 2 === 0 ? aliasArn(PROD, prodData.region, 'alias/prod-data') : prodData.arn;
    return decryptEvent({ rng, time, region: 'us-east-1', account: PROD, actor, sharedEventID: rng.uuid() }, { kmsKey: prodData, keyId });
  });
}
