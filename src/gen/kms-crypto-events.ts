import type { CloudTrailEvent, EventResource, JsonObject } from './event-types.js';
import type { EncryptionContext } from './encryption-context.js';
import { cloudTrailEvent, type ApiRequest, type Call } from './cloudtrail-event.js';
import { keyResource, type KmsKey } from './kms-keys.js';
import { enclaveRecipient, type Enclave } from './enclave.js';

/** KMS cryptographic operations: Decrypt, Encrypt, GenerateDataKey*, ReEncrypt, GenerateRandom. */

export interface KeyUse {
  /** The key KMS resolved; absent when it could not (an unknown alias): no resources[]. */
  kmsKey?: KmsKey;
  /** What the caller sent as keyId; absent for Decrypt of symmetric ciphertext. */
  keyId?: string;
  context?: EncryptionContext;
  /** Attested requests from a Nitro enclave. */
  enclave?: Enclave;
}

const KMS = 'kms.amazonaws.com';
const SYMMETRIC = 'SYMMETRIC_DEFAULT';

function resourcesOf(use: KeyUse): EventResource[] | undefined {
  return use.kmsKey ? [keyResource(use.kmsKey)] : undefined;
}

function cryptoRequest(eventName: string, use: KeyUse, requestParameters: JsonObject): ApiRequest {
  return {
    eventSource: KMS,
    eventName,
    readOnly: true,
    requestParameters,
    additionalEventData: use.enclave ? enclaveRecipient(use.enclave) : undefined,
    resources: resourcesOf(use),
  };
}

export function decryptEvent(call: Call, use: KeyUse): CloudTrailEvent {
  return cloudTrailEvent(
    call,
    cryptoRequest('Decrypt', use, { encryptionAlgorithm: SYMMETRIC, keyId: use.keyId, encryptionContext: use.context }),
  );
}

export function encryptEvent(call: Call, use: KeyUse): CloudTrailEvent {
  return cloudTrailEvent(
    call,
    cryptoRequest('Encrypt', use, { keyId: use.keyId, encryptionContext: use.context, encryptionAlgorithm: SYMMETRIC }),
  );
}

export function generateDataKeyEvent(call: Call, use: KeyUse): CloudTrailEvent {
  return cloudTrailEvent(
    call,
    cryptoRequest('GenerateDataKey', use, { keyId: use.keyId, encryptionContext: use.context, keySpec: 'AES_256' }),
  );
}

/** EBS asks for 64 bytes under `aws:ebs:id`; others usually a keySpec. */
export function generateDataKeyWithoutPlaintextEvent(call: Call, use: KeyUse, numberOfBytes = 64): CloudTrailEvent {
  return cloudTrailEvent(
    call,
    cryptoRequest('GenerateDataKeyWithoutPlaintext', use, { keyId: use.keyId, encryptionContext: use.context, numberOfBytes }),
  );
}

/** ReEncrypt names both keys in resources[]: source first. */
export function reEncryptEvent(call: Call, source: KeyUse, destination: KeyUse): CloudTrailEvent {
  const resources = [...(resourcesOf(source) ?? []), ...(resourcesOf(destination) ?? [])];
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'ReEncrypt',
    readOnly: true,
    requestParameters: {
      sourceEncryptionAlgorithm: SYMMETRIC,
      sourceEncryptionContext: source.context,
      destinationKeyId: destination.keyId,
      destinationEncryptionAlgorithm: SYMMETRIC,
      destinationEncryptionContext: destination.context,
    },
    resources,
  });
}

/** GenerateRandom uses no key: resources is an empty list. */
export function generateRandomEvent(call: Call, enclave?: Enclave): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: KMS,
    eventName: 'GenerateRandom',
    readOnly: true,
    requestParameters: { numberOfBytes: 32 },
    additionalEventData: enclave ? enclaveRecipient(enclave) : undefined,
    resources: [],
  });
}
