import type { DetectionRule } from '../rule.js';
import { crossAccount } from './cross-account.js';
import { dataKeyVolume } from './data-key-volume.js';
import { decryptFailureBurst } from './decrypt-failure-burst.js';
import { deliveryGap } from './delivery-gap.js';
import { enclaveImage } from './enclave-image.js';
import { grantExternal } from './grant-external.js';
import { keyDeletion } from './key-deletion.js';
import { keyMaterialImport } from './key-material-import.js';
import { keyPolicyChange } from './key-policy-change.js';
import { kmsExcludedFromTrail } from './kms-excluded-from-trail.js';
import { newPrincipalForKey } from './new-principal-for-key.js';
import { newSourceIp } from './new-source-ip.js';
import { offHours } from './off-hours.js';
import { vpcePolicyDenials } from './vpce-policy-denials.js';

/** The default rule set, in the order docs/DETECTIONS.md lists them (ids in ../rule-ids.ts). */
export const DETECTION_RULES: readonly DetectionRule[] = [
  decryptFailureBurst,
  keyDeletion,
  keyPolicyChange,
  keyMaterialImport,
  grantExternal,
  dataKeyVolume,
  newSourceIp,
  offHours,
  newPrincipalForKey,
  crossAccount,
  enclaveImage,
  kmsExcludedFromTrail,
  deliveryGap,
  vpcePolicyDenials,
];

export function findRule(id: string): DetectionRule | null {
  return DETECTION_RULES.find((rule) => rule.id === id) ?? null;
}
