import type { CloudTrailEvent } from './event-types.js';
import type { Call } from './cloudtrail-event.js';
import type { IamRole } from './identities.js';
import { accessDenied, ec2Unauthorized } from './api-errors.js';
import { describeInstancesEvent, describeVolumesEvent, ec2DescribeEvent } from './ec2-events.js';
import { getObjectEvent } from './s3-events.js';
import { assumeRoleEvent } from './sts-events.js';
import { updateInstanceInformationEvent, SSM_AGENT_USER_AGENT } from './ssm-events.js';
import { getUserEvent, listRolesEvent, listUsersEvent } from './iam-events.js';
import { getSecretValueEvent, secretArn } from './secretsmanager-events.js';
import { describeTrailsEvent, getTrailStatusEvent, putEventSelectorsEvent, stopLoggingEvent } from './cloudtrail-events.js';
import { serviceActor } from './actors.js';
import { BENCH_ACCOUNTS } from './bench-world.js';
import { pickPrincipal, type BenchContext } from './bench-kms-events.js';
import type { BenchPrincipal } from './bench-principals.js';

/** The 40% of a trail that is not KMS: EC2 Describe*, S3 reads, STS, SSM, IAM, Secrets Manager, CloudTrail. */

const ACCOUNT_WEIGHTS = BENCH_ACCOUNTS.map((account, index) => [account, 4 - index] as const);
const REGION_WEIGHTS = [['us-east-1', 6], ['us-west-2', 2.5], ['eu-west-1', 1.5]] as const;
export const OTHER_CALLS = [['ec2', 14], ['s3', 10], ['sts', 6], ['ssm', 5], ['iam', 2], ['secretsmanager', 2], ['cloudtrail', 1]] as const;

function baseCall(context: BenchContext, time: number, principal: BenchPrincipal, region: string): Call {
  return { rng: context.rng, time, region, account: principal.account, actor: principal.actor };
}

/** The role behind a session, rebuilt from its sessionIssuer. */
function roleOf(principal: BenchPrincipal): IamRole | undefined {
  const issuer = principal.actor.identity.sessionContext?.sessionIssuer;
  if (!issuer || !('arn' in issuer)) return undefined;
  return { account: issuer.accountId, name: issuer.userName, roleId: issuer.principalId, arn: issuer.arn };
}

export type OtherService = (typeof OTHER_CALLS)[number][0];

/** A non-KMS call; `stream` pins its account and region (a quiet region's delivery), else they are drawn. */
export function otherEvent(context: BenchContext, time: number, service: OtherService, stream?: { account: string; region: string }): CloudTrailEvent {
  const { rng } = context;
  const account = stream?.account ?? rng.weighted(ACCOUNT_WEIGHTS);
  const region: string = stream?.region ?? rng.weighted(REGION_WEIGHTS);
  const principal = pickPrincipal(context, account);
  const call = baseCall(context, time, principal, region);
  const failed = rng.chance(context.errorRate);
  switch (service) {
    case 'ec2':
      return ec2Event(context, failed ? { ...call, error: ec2Unauthorized() } : call);
    case 's3': {
      const bucket = `data-${account}-${region}`;
      const objectKey = `events/${rng.int(365)}/part-${rng.hex(8)}.json.gz`;
      const error = failed ? accessDenied(principal.name, 's3:GetObject', `arn:aws:s3:::${bucket}/${objectKey}`) : undefined;
      return getObjectEvent({ ...call, error }, bucket, objectKey, rng.between(1_000, 5_000_000));
    }
    case 'sts':
      return stsEvent(context, call, principal);
    case 'ssm':
      return updateInstanceInformationEvent({ ...call, actor: { ...principal.actor, userAgent: SSM_AGENT_USER_AGENT } }, principal.instanceId ?? hotInstance(context), '10.1.2.3');
    case 'iam': {
      const error = failed ? accessDenied(principal.name, 'iam:ListUsers', `arn:aws:iam::${account}:user/`) : undefined;
      const kind = rng.int(3);
      return kind === 0 ? getUserEvent(call) : kind === 1 ? listUsersEvent({ ...call, error }) : listRolesEvent(call);
    }
    case 'secretsmanager':
      return getSecretValueEvent(call, secretArn(region, account, `app/${rng.int(50)}`, 'AbCdEf'));
    case 'cloudtrail':
      return cloudTrailApiEvent(context, call, account);
  }
}

/** A Zipf-hot instance id, noted for the instance probe. */
function hotInstance(context: BenchContext): string {
  const instanceId = context.world.instances[context.world.instanceZipf.sample(context.rng)]!;
  context.probes.noteInstance(instanceId);
  return instanceId;
}

function ec2Event(context: BenchContext, call: Call): CloudTrailEvent {
  const { rng, world } = context;
  const kind = rng.int(4);
  if (kind === 0) return describeInstancesEvent(call, rng.chance(0.8) ? [hotInstance(context)] : [hotInstance(context), hotInstance(context)]);
  if (kind === 1) return describeVolumesEvent(call, [world.volumes[world.instanceZipf.sample(rng)]!]);
  if (kind === 2) return describeInstancesEvent(call);
  return ec2DescribeEvent(call, rng.pick(['DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcs', 'DescribeSnapshots']), { filterSet: {} });
}

/** Services renew role sessions; people assume roles themselves. */
function stsEvent(context: BenchContext, call: Call, principal: BenchPrincipal): CloudTrailEvent {
  const role = roleOf(principal);
  const issuer = principal.kind === 'lambda' ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com';
  const identity = principal.actor.identity;
  if (role) return assumeRoleEvent({ ...call, actor: serviceActor(issuer) }, role, identity.arn?.split('/').pop() ?? 'session', identity.accessKeyId ?? '');
  const admin = { account: principal.account, name: 'admin', roleId: 'AROAADMINEXAMPLE00001', arn: `arn:aws:iam::${principal.account}:role/admin` };
  return assumeRoleEvent(call, admin, 'cli-session', `ASIA${context.rng.hex(16).toUpperCase()}`);
}

/** Mostly reads; now and then someone stops a trail or drops KMS from it. */
function cloudTrailApiEvent(context: BenchContext, call: Call, account: string): CloudTrailEvent {
  const trailArn = `arn:aws:cloudtrail:us-east-1:${account}:trail/org-trail`;
  const roll = context.rng.float();
  if (roll < 0.005) return stopLoggingEvent(call, trailArn);
  if (roll < 0.01) return putEventSelectorsEvent(call, trailArn, [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'] }]);
  return roll < 0.5 ? describeTrailsEvent(call) : getTrailStatusEvent(call, trailArn);
}
