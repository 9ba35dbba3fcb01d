import { awsLogsKey } from './layout.js';
import {
  FieldError,
  hex,
  hexOrNull,
  isObject,
  type Json,
  sha256Hex,
  sha256HexOrNull,
  text,
  textOrNull,
  timestamp,
  timestampOrNull,
} from './digest-fields.js';

/** One `logFiles[]` entry of a digest (CloudTrail User Guide, digest file structure). */
export interface DigestLogEntry {
  s3Bucket: string;
  s3Object: string;
  /** `s3Object` from `AWSLogs/` on. */
  key: string;
  hashValue: string;
  hashAlgorithm: string;
  newestEventTime: string | null;
  oldestEventTime: string | null;
}

/** The fields of a CloudTrail digest file that validation uses, checked. */
export interface DigestFile {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  /** `digestS3Object` from `AWSLogs/` on. */
  key: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: string;
  previousDigestS3Object: string | null;
  /** `previousDigestS3Object` from `AWSLogs/` on; null for a starting digest. */
  previousKey: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: string | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogEntry[];
}

export type ParsedDigest = { digest: DigestFile } | { error: string };

/** Checks uncompressed digest bytes; a malformed digest yields a reason, never a throw. */
export function parseDigest(content: Buffer): ParsedDigest {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return { error: 'not JSON' };
  }
  if (!isObject(json)) return { error: 'not a JSON object' };
  try {
    return { digest: readDigest(json) };
  } catch (error) {
    if (error instanceof FieldError) return { error: error.message };
    throw error;
  }
}

function readDigest(json: Json): DigestFile {
  const digestS3Object = text(json, 'digestS3Object');
  const previousDigestS3Object = textOrNull(json, 'previousDigestS3Object');
  const previousDigestHashValue = sha256HexOrNull(json, 'previousDigestHashValue');
  if ((previousDigestS3Object === null) !== (previousDigestHashValue === null)) {
    throw new FieldError('previousDigestS3Object and previousDigestHashValue must both be set or both be null');
  }
  const digest: DigestFile = {
    awsAccountId: text(json, 'awsAccountId'),
    digestStartTime: timestamp(json, 'digestStartTime'),
    digestEndTime: timestamp(json, 'digestEndTime'),
    digestS3Bucket: text(json, 'digestS3Bucket'),
    digestS3Object,
    key: objectKey(digestS3Object, 'digestS3Object'),
    digestPublicKeyFingerprint: hex(json, 'digestPublicKeyFingerprint'),
    digestSignatureAlgorithm: text(json, 'digestSignatureAlgorithm'),
    previousDigestS3Object,
    previousKey: previousDigestS3Object === null ? null : objectKey(previousDigestS3Object, 'previousDigestS3Object'),
    previousDigestHashValue,
    previousDigestHashAlgorithm: textOrNull(json, 'previousDigestHashAlgorithm'),
    previousDigestSignature: hexOrNull(json, 'previousDigestSignature'),
    logFiles: readLogEntries(json),
  };
  timestampOrNull(json, 'newestEventTime');
  timestampOrNull(json, 'oldestEventTime');
  if (Date.parse(digest.digestStartTime) > Date.parse(digest.digestEndTime)) {
    throw new FieldError('digestStartTime is after digestEndTime');
  }
  return digest;
}

function readLogEntries(json: Json): DigestLogEntry[] {
  const list = json['logFiles'];
  if (!Array.isArray(list)) throw new FieldError('logFiles is missing or not a list');
  return list.map((entry: unknown, index) => {
    const where = `logFiles[${index}].`;
    if (!isObject(entry)) throw new FieldError(`logFiles[${index}] is not an object`);
    const s3Object = text(entry, 's3Object', where);
    return {
      s3Bucket: text(entry, 's3Bucket', where),
      s3Object,
      key: objectKey(s3Object, `${where}s3Object`),
      hashValue: sha256Hex(entry, 'hashValue', where),
      hashAlgorithm: text(entry, 'hashAlgorithm', where),
      newestEventTime: timestampOrNull(entry, 'newestEventTime', where),
      oldestEventTime: timestampOrNull(entry, 'oldestEventTime', where),
    };
  });
}

function objectKey(s3Object: string, field: string): string {
  const key = awsLogsKey(s3Object);
  if (key === null) throw new FieldError(`${field} has no AWSLogs/ folder or is not a plain S3 key`);
  return key;
}
