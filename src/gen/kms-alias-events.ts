import type { CloudTrailEvent } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';
import { aliasArn, keyResource, type KmsKey } from './kms-keys.js';

/** Alias management: the events that tell a reader which key an alias names. */

const KMS = 'kms.amazonaws.com';

function aliasResource(kmsKey: KmsKey, aliasName: string) {
  return { accountId: kmsKey.account, type: 'AWS::KMS::Key', ARN: aliasArn(kmsKey.account, kmsKey.region, aliasName) };
}

/** resources[] lists the key, then the alias, as the KMS guide shows. */
export function createAliasEvent(call: Call, aliasName: string, kmsKey: KmsKey, targetKeyId = kmsKey.keyId): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'CreateAlias',
    readOnly: false,
    requestParameters: { aliasName, targetKeyId },
    resources: [keyResource(kmsKey), aliasResource(kmsKey, aliasName)],
  });
}

/** UpdateAlias lists the alias first, then the new target key. */
export function updateAliasEvent(call: Call, aliasName: string, newTarget: KmsKey, targetKeyId = newTarget.keyId): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'UpdateAlias',
    readOnly: false,
    requestParameters: { aliasName, targetKeyId },
    resources: [aliasResource(newTarget, aliasName), keyResource(newTarget)],
  });
}

export function deleteAliasEvent(call: Call, aliasName: string, kmsKey: KmsKey): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'DeleteAlias',
    readOnly: false,
    requestParameters: { aliasName },
    resources: [aliasResource(kmsKey, aliasName), keyResource(kmsKey)],
  });
}

/** ListAliases shows an empty resources list. */
export function listAliasesEvent(call: Call, options: { limit?: number; keyId?: string } = {}): CloudTrailEvent {
  const requestParameters = options.limit === undefined && options.keyId === undefined ? null : { limit: options.limit, keyId: options.keyId };
  return cloudTrailEvent(call, { eventSource: KMS, eventName: 'ListAliases', readOnly: true, requestParameters, resources: [] });
}
