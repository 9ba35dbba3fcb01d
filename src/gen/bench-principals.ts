import type { Rng } from './rng.js';
import type { Actor } from './cloudtrail-event.js';
import { directActor, serviceActor, vpcEndpointActor } from './actors.js';
import { awsAccountIdentity, iamUserIdentity, makeIamRole, makeIamUser, makeSsoRole, roleSessionIdentity, rootIdentity, type IamRole } from './identities.js';
import { newAccessKeyId, newUniqueId, newVpcEndpointId } from './aws-ids.js';
import { CONSOLE_BROWSER, GO_SDK, JAVA_SDK, PYTHON_BOTO3, TERRAFORM, awsCli } from './user-agents.js';

/** The benchmark's principals: every userIdentity type, in the proportions a large org shows. */

export type PrincipalKind = 'user' | 'sso' | 'instance' | 'task' | 'lambda' | 'service' | 'crossAccount' | 'root';

export interface BenchPrincipal {
  kind: PrincipalKind;
  account: string;
  actor: Actor;
  /** The ARN a responder filters by (principalId for AWSAccount, host for AWSService). */
  name: string;
  instanceId?: string;
  functionArn?: string;
}

/** How many of each kind an account gets, out of ~1,250. */
export const PRINCIPALS_PER_ACCOUNT: readonly (readonly [PrincipalKind, number])[] = [
  ['user', 100],
  ['sso', 40],
  ['instance', 750],
  ['task', 200],
  ['lambda', 120],
  ['service', 10],
  ['crossAccount', 25],
  ['root', 5],
];

export const SERVICE_HOSTS = ['s3.amazonaws.com', 'ec2.amazonaws.com', 'lambda.amazonaws.com', 'secretsmanager.amazonaws.com', 'dynamodb.amazonaws.com', 'cloudtrail.amazonaws.com', 'rds.amazonaws.com', 'sqs.amazonaws.com', 'sns.amazonaws.com', 'logs.amazonaws.com'];

export interface PrincipalContext {
  rng: Rng;
  account: string;
  region: string;
  index: number;
  publicIp: () => string;
  roles: IamRole[];
  vpcEndpointId: string;
  nextInstanceId: () => string;
}

export function makeRolePool(rng: Rng, account: string): IamRole[] {
  return ['app-server', 'worker', 'api-gateway', 'batch', 'etl-runner', 'ml-training', 'web', 'search-indexer'].map((name) => makeIamRole(rng, account, name));
}

export function newBenchVpcEndpoint(rng: Rng): string {
  return newVpcEndpointId(rng);
}

export function makeBenchPrincipal(kind: PrincipalKind, context: PrincipalContext): BenchPrincipal {
  const { rng, account, index } = context;
  const base = { kind, account };
  switch (kind) {
    case 'user': {
      const user = makeIamUser(rng, account, `user-${index}`);
      return { ...base, name: user.arn, actor: directActor(iamUserIdentity(user), context.publicIp(), rng.pick([awsCli('kms.decrypt'), TERRAFORM, CONSOLE_BROWSER, GO_SDK])) };
    }
    case 'sso': {
      const session = `person${index}@example.com`;
      const identity = roleSessionIdentity(makeSsoRole(rng, account, rng.pick(['Admin', 'ReadOnly', 'PowerUser']), 'eu-west-1'), session, newAccessKeyId(rng, true));
      return { ...base, name: identity.arn ?? session, actor: directActor(identity, context.publicIp(), CONSOLE_BROWSER) };
    }
    case 'instance': {
      const instanceId = context.nextInstanceId();
      const identity = roleSessionIdentity(rng.pick(context.roles), instanceId, newAccessKeyId(rng, true));
      const privateIp = `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
      const actor = rng.chance(0.5) ? vpcEndpointActor(identity, privateIp, JAVA_SDK, context.vpcEndpointId) : directActor(identity, context.publicIp(), JAVA_SDK);
      return { ...base, name: identity.arn ?? instanceId, actor, instanceId };
    }
    case 'task': {
      const identity = roleSessionIdentity(rng.pick(context.roles), `ecs-task-${rng.hex(12)}`, newAccessKeyId(rng, true));
      return { ...base, name: identity.arn ?? '', actor: vpcEndpointActor(identity, `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`, GO_SDK, context.vpcEndpointId) };
    }
    case 'lambda': {
      const functionName = `fn-${index}`;
      const role = makeIamRole(rng, account, `${functionName}-role`, '/service-role/');
      const identity = roleSessionIdentity(role, functionName, newAccessKeyId(rng, true));
      const functionArn = `arn:aws:lambda:${context.region}:${account}:function:${functionName}`;
      return { ...base, name: identity.arn ?? functionName, actor: directActor(identity, context.publicIp(), PYTHON_BOTO3), functionArn };
    }
    case 'service': {
      const host = SERVICE_HOSTS[index % SERVICE_HOSTS.length]!;
      return { ...base, name: host, actor: serviceActor(host) };
    }
    case 'crossAccount': {
      const other = String(100000000000 + rng.int(899999999999));
      const principalId = `${newUniqueId(rng, 'AROA')}:partner-${index}`;
      return { ...base, name: principalId, actor: directActor(awsAccountIdentity(other, principalId), context.publicIp(), PYTHON_BOTO3) };
    }
    case 'root':
      return { ...base, name: `arn:aws:iam::${account}:root`, actor: directActor(rootIdentity(account, newAccessKeyId(rng, true)), context.publicIp(), CONSOLE_BROWSER) };
  }
}
