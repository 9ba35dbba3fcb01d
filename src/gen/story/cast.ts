import type { Rng } from '../rng.js';
import { makeKmsKey, replicaKey, type KmsKey } from '../kms-keys.js';
import { makeIamRole, makeIamUser, makeSsoRole, type IamRole, type IamUser } from '../identities.js';
import { newAccessKeyId, newInstanceId, newVpcEndpointId } from '../aws-ids.js';

/** The accounts, keys and principals of the sample story. */

export const PROD = '111122223333';
export const DATA = '444455556666';
export const EXTERNAL = '999988887777';
export const MONITORING_VENDOR = '222233334444';
export const ORG_ID = 'o-7k2m9q4x1z';
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

export const ATTACKER_IP = '203.0.113.66';
export const EXTERNAL_IP = '203.0.113.70';
export const PROD_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${PROD}:trail/prod-audit`;

export interface StoryKeys {
  payments: KmsKey;
  prodData: KmsKey;
  finance: KmsKey;
  tokenization: KmsKey;
  sessions: KmsKey;
  sessionsReplica: KmsKey;
  reportsV1: KmsKey;
  reportsV2: KmsKey;
  ebsDefault: KmsKey;
  dataLake: KmsKey;
  dataSecrets: KmsKey;
  lambdaDefault: KmsKey;
}

export interface StoryCast {
  keys: StoryKeys;
  alice: IamUser;
  carol: IamUser;
  deployBot: IamUser;
  bobRole: IamRole;
  bobAccessKey: string;
  roles: Record<'appServer' | 'enclaveParent' | 'financeBatch' | 'webhook' | 'sessionService' | 'reporting' | 'batchWorker' | 'monitoring' | 'autoScaling' | 'etlRunner' | 'ingest' | 'exfil', IamRole>;
  appInstances: string[];
  enclaveInstances: string[];
  sessionInstances: { 'us-east-1': string; 'eu-west-1': string };
  prodVpcEndpoint: string;
  exfilPrincipalId: string;
}

function buildKeys(rng: Rng): StoryKeys {
  const sessions = makeKmsKey(rng, PROD, 'us-east-1', { multiRegion: true, aliases: ['alias/sessions'] });
  return {
    payments: makeKmsKey(rng, PROD, 'us-east-1', { aliases: ['alias/payments'] }),
    prodData: makeKmsKey(rng, PROD, 'us-east-1', { aliases: ['alias/prod-data'] }),
    finance: makeKmsKey(rng, PROD, 'us-east-1', { aliases: ['alias/finance'] }),
    tokenization: makeKmsKey(rng, PROD, 'us-east-1', { aliases: ['alias/tokenization'] }),
    sessions,
    sessionsReplica: replicaKey(sessions, 'eu-west-1'),
    reportsV1: makeKmsKey(rng, PROD, 'us-east-1', { aliases: ['alias/reports'] }),
    reportsV2: makeKmsKey(rng, PROD, 'us-east-1', { aliases: ['alias/reports'] }),
    ebsDefault: makeKmsKey(rng, PROD, 'us-west-2', { aliases: ['alias/aws/ebs'] }),
    dataLake: makeKmsKey(rng, DATA, 'us-west-2', { aliases: ['alias/data-lake'] }),
    dataSecrets: makeKmsKey(rng, DATA, 'eu-west-1', { aliases: ['alias/data-secrets'] }),
    lambdaDefault: makeKmsKey(rng, DATA, 'eu-west-1', { aliases: ['alias/aws/lambda'] }),
  };
}

function buildRoles(rng: Rng): StoryCast['roles'] {
  return {
    appServer: makeIamRole(rng, PROD, 'app-server'),
    enclaveParent: makeIamRole(rng, PROD, 'enclave-parent'),
    financeBatch: makeIamRole(rng, PROD, 'finance-batch'),
    webhook: makeIamRole(rng, PROD, 'payments-webhook-role', '/service-role/'),
    sessionService: makeIamRole(rng, PROD, 'session-service'),
    reporting: makeIamRole(rng, PROD, 'reporting-service'),
    batchWorker: makeIamRole(rng, PROD, 'batch-worker'),
    monitoring: makeIamRole(rng, PROD, 'monitoring-readonly'),
    autoScaling: makeIamRole(rng, PROD, 'AWSServiceRoleForAutoScaling', '/aws-service-role/autoscaling.amazonaws.com/'),
    etlRunner: makeIamRole(rng, DATA, 'etl-runner'),
    ingest: makeIamRole(rng, DATA, 'ingest-fn-role', '/service-role/'),
    exfil: makeIamRole(rng, EXTERNAL, 'exfil-runner'),
  };
}

export function buildCast(rng: Rng): StoryCast {
  const keys = buildKeys(rng.fork('keys'));
  const people = rng.fork('people');
  const instances = rng.fork('instances');
  const roles = buildRoles(rng.fork('roles'));
  return {
    keys,
    alice: makeIamUser(people, PROD, 'alice'),
    carol: makeIamUser(people, DATA, 'carol'),
    deployBot: makeIamUser(people, PROD, 'deploy-bot'),
    bobRole: makeSsoRole(people, PROD, 'Admin', 'eu-west-1'),
    bobAccessKey: newAccessKeyId(people, true),
    roles,
    appInstances: [0, 1, 2, 3].map(() => newInstanceId(instances)),
    enclaveInstances: [0, 1].map(() => newInstanceId(instances)),
    sessionInstances: { 'us-east-1': newInstanceId(instances), 'eu-west-1': newInstanceId(instances) },
    prodVpcEndpoint: newVpcEndpointId(instances),
    exfilPrincipalId: `${roles.exfil.roleId}:exfil-session`,
  };
}


/** The attacker's tooling: boto3 on a Kali box, unlike anything deploy-bot runs. */
export const ATTACKER_USER_AGENT =
  'Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.5.0-kali3-amd64 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.11';
