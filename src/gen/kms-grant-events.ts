import type { CloudTrailEvent, JsonObject } from './event-types.js';
import type { EncryptionContext } from './encryption-context.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';
import { keyResource, type KmsKey } from './kms-keys.js';

/** Grants: who may use a key without a policy change, and how they are retired. */

const KMS = 'kms.amazonaws.com';

export interface GrantRequest {
  kmsKey: KmsKey;
  keyId: string;
  /** `111122223333:aws:ec2-infrastructure:i-...` for EBS, or an ARN. */
  granteePrincipal: string;
  operations: string[];
  grantId: string;
  /** EBS constrains grants to the volume: `encryptionContextSubset`. */
  encryptionContextSubset?: EncryptionContext;
  retiringPrincipal?: string;
}

export function createGrantEvent(call: Call, grant: GrantRequest): CloudTrailEvent {
  const requestParameters: JsonObject = {
    keyId: grant.keyId,
    granteePrincipal: grant.granteePrincipal,
    retiringPrincipal: grant.retiringPrincipal,
    operations: grant.operations,
    constraints: grant.encryptionContextSubset ? { encryptionContextSubset: grant.encryptionContextSubset } : undefined,
  };
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'CreateGrant',
    readOnly: false,
    requestParameters,
    responseElements: { grantId: grant.grantId, keyId: grant.kmsKey.arn },
    resources: [keyResource(grant.kmsKey)],
  });
}

/** RetireGrant records the grant id in additionalEventData, request parameters null. */
export function retireGrantEvent(call: Call, kmsKey: KmsKey, grantId: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'RetireGrant',
    readOnly: false,
    requestParameters: null,
    additionalEventData: { grantId },
    resources: [keyResource(kmsKey)],
  });
}

export function revokeGrantEvent(call: Call, kmsKey: KmsKey, keyId: string, grantId: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'RevokeGrant',
    readOnly: false,
    requestParameters: { keyId, grantId },
    resources: [keyResource(kmsKey)],
  });
}

export function listGrantsEvent(call: Call, kmsKey: KmsKey, keyId: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'ListGrants',
    readOnly: true,
    requestParameters: { keyId, limit: 50 },
    resources: [keyResource(kmsKey)],
  });
}
