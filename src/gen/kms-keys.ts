import type { Rng } from './rng.js';
import type { EventResource } from './event-types.js';
import { newKeyId, newMultiRegionKeyId } from './aws-ids.js';

/** A KMS key and every way a request can name it. */
export interface KmsKey {
  account: string;
  region: string;
  /** A UUID, or `mrk-...` for multi-Region keys. */
  keyId: string;
  arn: string;
  multiRegion: boolean;
  /** Alias names (`alias/payments`) currently pointing at this key. */
  aliases: string[];
}

/** How a request's `keyId` refers to the key. */
export type KeyRefForm = 'keyArn' | 'keyId' | 'aliasName' | 'aliasArn';

export function makeKmsKey(rng: Rng, account: string, region: string, options: { multiRegion?: boolean; aliases?: string[] } = {}): KmsKey {
  const multiRegion = options.multiRegion ?? false;
  const keyId = multiRegion ? newMultiRegionKeyId(rng) : newKeyId(rng);
  return { account, region, keyId, arn: keyArn(account, region, keyId), multiRegion, aliases: options.aliases ?? [] };
}

/** A multi-Region replica: same key id, its own regional ARN. */
export function replicaKey(primary: KmsKey, region: string): KmsKey {
  return { ...primary, region, arn: keyArn(primary.account, region, primary.keyId), aliases: [...primary.aliases] };
}

export function keyArn(account: string, region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export function aliasArn(account: string, region: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${account}:${aliasName}`;
}

/** The `keyId` string a caller would send; alias forms need the key to have an alias. */
export function keyReference(kmsKey: KmsKey, form: KeyRefForm, aliasName = kmsKey.aliases[0]): string {
  switch (form) {
    case 'keyArn':
      return kmsKey.arn;
    case 'keyId':
      return kmsKey.keyId;
    case 'aliasName':
      return aliasName ?? kmsKey.keyId;
    case 'aliasArn':
      return aliasName ? aliasArn(kmsKey.account, kmsKey.region, aliasName) : kmsKey.arn;
  }
}

/** The `resources[]` entry KMS writes for the key it resolved. */
export function keyResource(kmsKey: KmsKey): EventResource {
  return { accountId: kmsKey.account, type: 'AWS::KMS::Key', ARN: kmsKey.arn };
}
