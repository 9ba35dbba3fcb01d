import type { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import { directActor, serviceActor, vpcEndpointActor } from '../actors.js';
import { awsAccountIdentity, roleSessionIdentity } from '../identities.js';
import { newAccessKeyId } from '../aws-ids.js';
import { decryptEvent, generateDataKeyEvent } from '../kms-crypto-events.js';
import { describeKeyEvent, listKeysEvent } from '../kms-key-admin-events.js';
import { listAliasesEvent } from '../kms-alias-events.js';
import { describeInstancesEvent, describeVolumesEvent, ec2DescribeEvent } from '../ec2-events.js';
import { assumeRoleEvent } from '../sts-events.js';
import { keyReference, type KmsKey } from '../kms-keys.js';
import { GO_SDK, MONITORING_CRAWLER } from '../user-agents.js';
import { HOUR, MINUTE } from '../time-format.js';
import { arrivals, dayAndNight, every } from './arrivals.js';
import { RotatingSession } from './sessions.js';
import { STORY_END, STORY_START } from './timeline.js';
import { MONITORING_VENDOR, PROD, REGIONS, type StoryCast } from './cast.js';

/** Prod's steady platform noise: DynamoDB, a monitoring vendor, the session service. */

export function platformTraffic(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  return [...dynamoDbCalls(rng.fork('dynamodb'), cast), ...monitoringVendor(rng.fork('monitoring'), cast), ...sessionService(rng.fork('sessions'), cast)];
}

/** DynamoDB (type AWSService) refreshes its table key under alias/prod-data. */
function dynamoDbCalls(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const context = { 'aws:dynamodb:tableName': 'payments-ledger', 'aws:dynamodb:subscriberId': PROD };
  const actor = serviceActor('dynamodb.amazonaws.com');
  return every(rng, STORY_START, STORY_END, 30 * MINUTE, 5 * MINUTE).flatMap((time) => {
    const call = { rng, time, region: 'us-east-1', account: PROD, actor };
    const use = { kmsKey: cast.keys.prodData, keyId: cast.keys.prodData.arn, context };
    return rng.chance(0.5) ? [generateDataKeyEvent(call, use), decryptEvent({ ...call, time: time + 2000 }, use)] : [generateDataKeyEvent(call, use)];
  });
}

/**
 * A monitoring vendor's account assumes a read-only role every hour (the prod trail shows
 * the vendor as type AWSAccount) and crawls EC2 and KMS in every region.
 */
function monitoringVendor(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const role = cast.roles.monitoring;
  const vendor = directActor(awsAccountIdentity(MONITORING_VENDOR, `AROAVENDOR${rng.chars(11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}:monitoring-vendor`), '198.18.10.5', MONITORING_CRAWLER);
  const events: CloudTrailEvent[] = [];
  const prodKeys = [cast.keys.payments, cast.keys.prodData, cast.keys.finance, cast.keys.tokenization, cast.keys.sessions];
  for (const hour of every(rng, STORY_START, STORY_END, HOUR, 0)) {
    const accessKeyId = newAccessKeyId(rng, true);
    events.push(assumeRoleEvent({ rng, time: hour, region: 'us-east-1', account: PROD, actor: vendor }, role, 'monitoring-vendor', accessKeyId));
    const crawler = directActor(roleSessionIdentity(role, 'monitoring-vendor', accessKeyId), '198.18.10.5', MONITORING_CRAWLER);
    for (const region of REGIONS) {
      const call = (offset: number) => ({ rng, time: hour + offset, region, account: PROD, actor: crawler });
      events.push(describeInstancesEvent(call(40_000)), describeVolumesEvent(call(41_000)));
      if (rng.chance(0.5)) events.push(ec2DescribeEvent(call(42_000), 'DescribeSecurityGroups', { securityGroupSet: {}, filterSet: {} }));
      events.push(listKeysEvent(call(50_000), 100), listAliasesEvent(call(51_000), { limit: 100 }));
      if (region === 'us-east-1' && new Date(hour).getUTCHours() % 6 === 0) {
        prodKeys.forEach((kmsKey, index) => events.push(describeKeyEvent(call(52_000 + index * 700), kmsKey, kmsKey.arn)));
      }
    }
  }
  return events;
}

/** The session service uses the multi-Region key by its `mrk-` id in two regions. */
function sessionService(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const keysByRegion: [string, KmsKey, string][] = [
    ['us-east-1', cast.keys.sessions, cast.sessionInstances['us-east-1']],
    ['eu-west-1', cast.keys.sessionsReplica, cast.sessionInstances['eu-west-1']],
  ];
  return keysByRegion.flatMap(([region, kmsKey, instanceId], regionIndex) => {
    const origin = (identity: Parameters<typeof vpcEndpointActor>[0]) => vpcEndpointActor(identity, `10.${30 + regionIndex}.4.17`, GO_SDK, cast.prodVpcEndpoint);
    const session = new RotatingSession(rng.fork(region), cast.roles.sessionService, instanceId, origin, 'ec2.amazonaws.com');
    const events = arrivals(rng, STORY_START, STORY_END, dayAndNight(5, 2)).map((time) => {
      const call = { rng, time, region, account: PROD, actor: session.at(time) };
      const context = { tenant: rng.pick(['eu-shop', 'us-shop', 'partner-api']) };
      const keyId = rng.chance(0.8) ? keyReference(kmsKey, 'keyId') : keyReference(kmsKey, 'aliasName');
      return rng.chance(0.6) ? decryptEvent(call, { kmsKey, context }) : generateDataKeyEvent(call, { kmsKey, keyId, context });
    });
    return [...events, ...session.issuingEvents(region)];
  });
}
