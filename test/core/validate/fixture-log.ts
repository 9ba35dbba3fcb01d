import { createHash } from 'node:crypto';

/** Helpers for fixture.ts: names, timestamps and records shaped as CloudTrail writes them. */

/** `2024-03-01T00:00:31Z`: CloudTrail timestamps carry no milliseconds. */
export function isoSeconds(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `YYYY/MM/DD` date folders (UTC). */
export function dateFolders(time: number): string {
  return isoSeconds(time).slice(0, 10).replaceAll('-', '/');
}

/** `20240301T0012Z` (log files, minutes) or `20240301T010031Z` (digests, seconds). */
export function compactTimestamp(time: number, withSeconds: boolean): string {
  const digits = isoSeconds(time).replace(/[-:]/g, '');
  return withSeconds ? digits : `${digits.slice(0, 13)}Z`;
}

/** Deterministic stand-in for values AWS makes random (unique strings, ids). */
export function stableToken(seed: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from(bytes.subarray(0, length), (byte) => alphabet[byte % alphabet.length]).join('');
}

function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface RecordContext {
  accountId: string;
  region: string;
  /** Event time (epoch ms). */
  eventTime: number;
  /** Distinguishes records; used to derive ids. */
  seed: string;
}

/** A KMS Decrypt call by an assumed role, as CloudTrail records one. */
export function kmsDecryptRecord({ accountId, region, eventTime, seed }: RecordContext): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLEROLEID:${stableToken(`${seed}session`, 8)}`,
      arn: `arn:aws:sts::${accountId}:assumed-role/app-role/worker`,
      accountId,
    },
    eventTime: isoSeconds(eventTime),
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrypt',
    awsRegion: region,
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-sdk-js/3.0.0',
    requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    responseElements: null,
    requestID: stableUuid(`${seed}request`),
    eventID: stableUuid(`${seed}event`),
    readOnly: true,
    resources: [
      {
        accountId,
        type: 'AWS::KMS::Key',
        ARN: `arn:aws:kms:${region}:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      },
    ],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: 'Management',
  };
}
