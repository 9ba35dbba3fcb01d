import type { ResolvedTrailOptions } from './fixture.js';
import { compactTimestamp, dateFolders, isoSeconds, stableToken } from './fixture-log.js';

/** A log file as the fixture wrote it, for its digest's `logFiles[]`. */
export interface FixtureLog {
  s3Object: string;
  hashValue: string;
  oldestEventTime: string | null;
  newestEventTime: string | null;
}

type Owner = Pick<ResolvedTrailOptions, 'prefix' | 'organizationId' | 'accountId' | 'region'>;

function ownerFolder(o: Owner, folder: 'CloudTrail' | 'CloudTrail-Digest'): string {
  const org = o.organizationId ? `${o.organizationId}/` : '';
  const prefix = o.prefix ? `${o.prefix}/` : '';
  return `${prefix}AWSLogs/${org}${o.accountId}/${folder}/${o.region}`;
}

/** `.../CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<16 chars>.json.gz` */
export function logKey(o: Owner, deliveredAt: number, seed: string): string {
  const name = `${o.accountId}_CloudTrail_${o.region}_${compactTimestamp(deliveredAt, false)}_${stableToken(seed, 16)}.json.gz`;
  return `${ownerFolder(o, 'CloudTrail')}/${dateFolders(deliveredAt)}/${name}`;
}

/** `.../CloudTrail-Digest/<region>/YYYY/MM/DD/<acct>_CloudTrail-Digest_<region>_<trail>_<home>_YYYYMMDDTHHMMSSZ.json.gz` */
export function digestKey(o: ResolvedTrailOptions, endTime: number): string {
  const name = `${o.accountId}_CloudTrail-Digest_${o.region}_${o.trailName}_${o.homeRegion}_${compactTimestamp(endTime, true)}.json.gz`;
  return `${ownerFolder(o, 'CloudTrail-Digest')}/${dateFolders(endTime)}/${name}`;
}

/** The digest object, fields in the order AWS writes them. */
export function digestJson(
  o: ResolvedTrailOptions,
  startTime: number,
  fingerprint: string,
  previous: { s3Object: string; sha256: string; signature: string } | null,
  logs: readonly FixtureLog[],
) {
  const endTime = startTime + 3_600_000;
  const oldest = logs.map((log) => log.oldestEventTime).filter((t): t is string => t !== null).sort()[0] ?? null;
  const newest = logs.map((log) => log.newestEventTime).filter((t): t is string => t !== null).sort().at(-1) ?? null;
  return {
    awsAccountId: o.accountId,
    digestStartTime: isoSeconds(startTime),
    digestEndTime: isoSeconds(endTime),
    digestS3Bucket: o.bucket,
    digestS3Object: digestKey(o, endTime),
    digestPublicKeyFingerprint: fingerprint,
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: newest,
    oldestEventTime: oldest,
    previousDigestS3Bucket: previous ? o.bucket : null,
    previousDigestS3Object: previous?.s3Object ?? null,
    previousDigestHashValue: previous?.sha256 ?? null,
    previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
    previousDigestSignature: previous?.signature ?? null,
    logFiles: logs.map((log) => ({
      s3Bucket: o.bucket,
      s3Object: log.s3Object,
      hashValue: log.hashValue,
      hashAlgorithm: 'SHA-256',
      newestEventTime: log.newestEventTime,
      oldestEventTime: log.oldestEventTime,
    })),
  };
}

/** `aws cloudtrail list-public-keys` output for one key (Value is base64 PKCS#1 DER). */
export function publicKeyListJson(publicDer: Buffer, fingerprint: string, validFrom: number, hours: number): string {
  const entry = {
    ValidityStartTime: isoSeconds(validFrom - 3_600_000),
    ValidityEndTime: isoSeconds(validFrom + (hours + 1) * 3_600_000),
    Value: publicDer.toString('base64'),
    Fingerprint: fingerprint,
  };
  return `${JSON.stringify({ PublicKeyList: [entry] }, null, 4)}\n`;
}
