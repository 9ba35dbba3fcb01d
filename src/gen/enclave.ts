import type { Rng } from './rng.js';
import type { JsonObject } from './event-types.js';
import { newEnclaveModuleId, newSha384 } from './aws-ids.js';

/** A Nitro enclave as KMS sees it through the attestation document. */
export interface Enclave {
  parentInstanceId: string;
  moduleId: string;
  /** PCR0: the SHA-384 of the enclave image. */
  imageDigest: string;
  /** Newer trails also carry PCR1/2/3/4/8; older ones only module id and digest. */
  pcrs?: { pcr1: string; pcr2: string; pcr3: string; pcr4: string; pcr8: string };
}

export function makeEnclave(rng: Rng, parentInstanceId: string, options: { imageDigest?: string; withPcrs?: boolean } = {}): Enclave {
  const enclave: Enclave = {
    parentInstanceId,
    moduleId: newEnclaveModuleId(rng, parentInstanceId),
    imageDigest: options.imageDigest ?? newSha384(rng),
  };
  if (options.withPcrs) {
    enclave.pcrs = { pcr1: newSha384(rng), pcr2: newSha384(rng), pcr3: newSha384(rng), pcr4: newSha384(rng), pcr8: newSha384(rng) };
  }
  return enclave;
}

/** `additionalEventData` of an attested KMS request. */
export function enclaveRecipient(enclave: Enclave): JsonObject {
  const recipient: JsonObject = {
    attestationDocumentModuleId: enclave.moduleId,
    attestationDocumentEnclaveImageDigest: enclave.imageDigest,
  };
  if (enclave.pcrs) {
    recipient.attestationDocumentEnclavePCR1 = enclave.pcrs.pcr1;
    recipient.attestationDocumentEnclavePCR2 = enclave.pcrs.pcr2;
    recipient.attestationDocumentEnclavePCR3 = enclave.pcrs.pcr3;
    recipient.attestationDocumentEnclavePCR4 = enclave.pcrs.pcr4;
    recipient.attestationDocumentEnclavePCR8 = enclave.pcrs.pcr8;
  }
  return { recipient };
}
