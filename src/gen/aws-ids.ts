import { UPPER_DIGITS, type Rng } from './rng.js';

/** Identifier shapes as AWS prints them, drawn from a seeded stream. */

/** KMS key ids are UUIDs. */
export const newKeyId = (rng: Rng): string => rng.uuid();

/** Multi-Region key ids: `mrk-` and 32 hex digits. */
export const newMultiRegionKeyId = (rng: Rng): string => `mrk-${rng.hex(32)}`;

/** Current EC2 ids carry 17 hex digits after the prefix. */
export const newInstanceId = (rng: Rng): string => `i-0${rng.hex(16)}`;
export const newVolumeId = (rng: Rng): string => `vol-0${rng.hex(16)}`;
export const newReservationId = (rng: Rng): string => `r-0${rng.hex(16)}`;
export const newAmiId = (rng: Rng): string => `ami-0${rng.hex(16)}`;
export const newSubnetId = (rng: Rng): string => `subnet-0${rng.hex(16)}`;
export const newSecurityGroupId = (rng: Rng): string => `sg-0${rng.hex(16)}`;
export const newVpcEndpointId = (rng: Rng): string => `vpce-0${rng.hex(16)}`;

/** Long-term keys start AKIA, session credentials ASIA. */
export function newAccessKeyId(rng: Rng, temporary: boolean): string {
  return (temporary ? 'ASIA' : 'AKIA') + rng.chars(16, UPPER_DIGITS);
}

/** IAM unique ids: AIDA for users, AROA for roles, 21 characters. */
export function newUniqueId(rng: Rng, prefix: 'AIDA' | 'AROA'): string {
  return prefix + rng.chars(17, UPPER_DIGITS);
}

/** Grant ids are 64 hex digits. */
export const newGrantId = (rng: Rng): string => rng.hex(64);

/** Enclave image digests and PCRs are SHA-384: 96 hex digits. */
export const newSha384 = (rng: Rng): string => rng.hex(96);

/** Nitro enclave ids: the parent instance id, `-enc`, 16 hex digits. */
export const newEnclaveModuleId = (rng: Rng, instanceId: string): string => `${instanceId}-enc${rng.hex(16)}`;

/** S3 request ids are 16 uppercase hex digits. */
export const newS3RequestId = (rng: Rng): string => rng.hex(16).toUpperCase();

/** The random part of a CloudTrail log file name: 16 letters and digits. */
export const newLogFileSuffix = (rng: Rng): string => rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
