import type { Rng } from './rng.js';
import type { CloudTrailEvent } from './event-types.js';
import type { Actor } from './cloudtrail-event.js';
import { ec2InfrastructureIdentity } from './identities.js';
import { internalActor, onBehalfOf } from './actors.js';
import { newAmiId, newGrantId, newInstanceId, newReservationId, newSecurityGroupId, newSubnetId, newVolumeId } from './aws-ids.js';
import { runInstancesEvent } from './ec2-events.js';
import { decryptEvent, generateDataKeyWithoutPlaintextEvent } from './kms-crypto-events.js';
import { createGrantEvent } from './kms-grant-events.js';
import { ebsContext } from './encryption-context.js';
import type { KmsKey } from './kms-keys.js';
import { SECOND } from './time-format.js';

/**
 * The EBS chain from the KMS guide: RunInstances by a person, then EC2 on their behalf
 * gets a data key for the volume (GenerateDataKeyWithoutPlaintext) and grants itself
 * Decrypt (CreateGrant, same requestID as RunInstances), then the ec2-infrastructure
 * session of the new instance decrypts the data key when the volume attaches.
 */
export interface EbsLaunchOptions {
  launcher: Actor;
  time: number;
  region: string;
  account: string;
  kmsKey: KmsKey;
  /** How EC2 names the key: `alias/aws/ebs` for the default key, else the caller's keyId. */
  keyId: string;
  /** `seed` reproduces the guide's shape: caller identity, `AWS Internal` as source and agent. */
  style?: 'forwardAccess' | 'seed';
  instanceType?: string;
}

export interface EbsLaunch {
  instanceId: string;
  volumeId: string;
  grantId: string;
  requestID: string;
  runInstances: CloudTrailEvent;
  generateDataKeyWithoutPlaintext: CloudTrailEvent;
  createGrant: CloudTrailEvent;
  decrypt: CloudTrailEvent;
}

export function ebsLaunchFlow(rng: Rng, options: EbsLaunchOptions): EbsLaunch {
  const { account, region, kmsKey, keyId, time } = options;
  const instanceId = newInstanceId(rng);
  const volumeId = newVolumeId(rng);
  const grantId = newGrantId(rng);
  const requestID = rng.uuid();
  const onLaunchersBehalf =
    options.style === 'seed' ? internalActor(options.launcher.identity) : onBehalfOf(options.launcher.identity, 'ec2.amazonaws.com');
  const base = { rng, region, account };
  const runInstances = runInstancesEvent(
    { ...base, time, actor: options.launcher, requestID },
    {
      instanceId,
      reservationId: newReservationId(rng),
      imageId: newAmiId(rng),
      instanceType: options.instanceType ?? 'm6i.large',
      subnetId: newSubnetId(rng),
      securityGroupId: newSecurityGroupId(rng),
      availabilityZone: `${region}${rng.pick(['a', 'b', 'c'])}`,
      dataVolumeKmsKeyId: keyId.startsWith('alias/aws/') ? undefined : keyId,
    },
  );
  const context = ebsContext(volumeId);
  const generateDataKeyWithoutPlaintext = generateDataKeyWithoutPlaintextEvent(
    { ...base, time: time + 5 * SECOND, actor: onLaunchersBehalf },
    { kmsKey, keyId, context },
  );
  const createGrant = createGrantEvent(
    { ...base, time: time + 8 * SECOND, actor: onLaunchersBehalf, requestID },
    {
      kmsKey,
      keyId: kmsKey.arn,
      granteePrincipal: `${account}:aws:ec2-infrastructure:${instanceId}`,
      operations: ['Decrypt'],
      grantId,
      encryptionContextSubset: context,
    },
  );
  const infrastructure = { ...internalActor(ec2InfrastructureIdentity(account, instanceId)), sessionStart: time + 12 * SECOND };
  const decrypt = decryptEvent({ ...base, time: time + 20 * SECOND + rng.int(20) * SECOND, actor: infrastructure }, { kmsKey, context });
  return { instanceId, volumeId, grantId, requestID, runInstances, generateDataKeyWithoutPlaintext, createGrant, decrypt };
}
