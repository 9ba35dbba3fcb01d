import type { CloudTrailEvent, JsonObject } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';
import { keyResource, type KmsKey } from './kms-keys.js';
import { DAY, kmsResponseDate } from './time-format.js';

/** KMS key management: lifecycle, policy, rotation, discovery. */

const KMS = 'kms.amazonaws.com';

/** Read-only or write calls that take just a keyId. */
function keyCall(call: Call, eventName: string, kmsKey: KmsKey, keyId: string, readOnly: boolean, extra: JsonObject = {}): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName,
    readOnly,
    requestParameters: { keyId, ...extra },
    resources: [keyResource(kmsKey)],
  });
}

export function createKeyEvent(call: Call, kmsKey: KmsKey, description: string, policy?: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'CreateKey',
    readOnly: false,
    requestParameters: {
      policy,
      description,
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      multiRegion: kmsKey.multiRegion,
      bypassPolicyLockoutSafetyCheck: false,
    },
    responseElements: {
      keyMetadata: {
        aWSAccountId: kmsKey.account,
        keyId: kmsKey.keyId,
        arn: kmsKey.arn,
        creationDate: kmsResponseDate(call.time),
        enabled: true,
        description,
        keyUsage: 'ENCRYPT_DECRYPT',
        keyState: 'Enabled',
        origin: 'AWS_KMS',
        keyManager: 'CUSTOMER',
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        keySpec: 'SYMMETRIC_DEFAULT',
        encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        multiRegion: kmsKey.multiRegion,
      },
    },
    resources: [keyResource(kmsKey)],
  });
}

export const describeKeyEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'DescribeKey', kmsKey, keyId, true);

export const getKeyPolicyEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'GetKeyPolicy', kmsKey, keyId, true, { policyName: 'default' });

export const getKeyRotationStatusEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'GetKeyRotationStatus', kmsKey, keyId, true);

export const putKeyPolicyEvent = (call: Call, kmsKey: KmsKey, keyId: string, policy: string): CloudTrailEvent =>
  keyCall(call, 'PutKeyPolicy', kmsKey, keyId, false, { policyName: 'default', policy, bypassPolicyLockoutSafetyCheck: false });

export const disableKeyEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'DisableKey', kmsKey, keyId, false);

export const enableKeyEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'EnableKey', kmsKey, keyId, false);

export const disableKeyRotationEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'DisableKeyRotation', kmsKey, keyId, false);

export const enableKeyRotationEvent = (call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent =>
  keyCall(call, 'EnableKeyRotation', kmsKey, keyId, false, { rotationPeriodInDays: 365 });

export function scheduleKeyDeletionEvent(call: Call, kmsKey: KmsKey, keyId: string, pendingWindowInDays: number): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'ScheduleKeyDeletion',
    readOnly: false,
    requestParameters: { keyId, pendingWindowInDays },
    responseElements: {
      keyId: kmsKey.arn,
      deletionDate: kmsResponseDate(call.time + pendingWindowInDays * DAY),
      keyState: 'PendingDeletion',
      pendingWindowInDays,
    },
    resources: [keyResource(kmsKey)],
  });
}

export function cancelKeyDeletionEvent(call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'CancelKeyDeletion',
    readOnly: false,
    requestParameters: { keyId },
    responseElements: { keyId: kmsKey.arn },
    resources: [keyResource(kmsKey)],
  });
}

/** ListKeys names no key: no resources. */
export function listKeysEvent(call: Call, limit?: number): CloudTrailEvent {
  return cloudTrailEvent(call, { eventSource: KMS, eventName: 'ListKeys', readOnly: true, requestParameters: limit ? { limit } : null });
}
