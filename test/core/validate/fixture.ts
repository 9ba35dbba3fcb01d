import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { digestJson, type FixtureLog, logKey, publicKeyListJson } from './fixture-digest.js';
import { isoSeconds, kmsDecryptRecord, type RecordContext } from './fixture-log.js';
import { signedString } from '../../../src/core/validate/signature.js';

/**
 * Writes a CloudTrail trail the way AWS delivers it: gzipped log files and an hourly
 * chain of gzipped, signed digest files (names, field names and field order as AWS's
 * examples in the CloudTrail User Guide), plus the matching public key as `list-public-keys`
 * JSON. For tests and sample logs; the key is a throwaway RSA key, never an AWS one.
 */
export interface SignedTrailOptions {
  accountId?: string;
  /** Writes the organization-trail layout `AWSLogs/<org>/<account>/...` when set. */
  organizationId?: string;
  region?: string;
  homeRegion?: string;
  trailName?: string;
  bucket?: string;
  /** S3 key prefix; files land under `dir/<prefix>/AWSLogs/`, as `aws s3 sync s3://bucket dir` puts them. */
  prefix?: string;
  /** `digestStartTime` of the first (starting) digest, e.g. `2024-03-01T00:00:31Z`. */
  start?: string;
  /** Digests in the chain, one per hour. */
  hours?: number;
  logsPerHour?: number;
  recordsPerLog?: number;
  /** Builds one event; default a KMS Decrypt call. */
  record?: (context: RecordContext) => Record<string, unknown>;
  /** Reuse a key: generating one costs ~100 ms. */
  privateKey?: KeyObject;
  /** Where to write the `list-public-keys` JSON; default `dir/list-public-keys.json`; null for none. */
  publicKeysFile?: string | null;
  /** Write the newest digest's signature as `<digest>.sig` (in AWS it is S3 metadata); default true. */
  signatureSidecar?: boolean;
}

export interface SignedTrail {
  /** Paths relative to `dir` (equal to the S3 keys), in delivery order. */
  logFiles: string[];
  /** Paths relative to `dir`, oldest first. */
  digestFiles: string[];
  publicKeysFile: string | null;
  /** MD5 of the PKCS#1 DER public key, as AWS fingerprints keys. */
  fingerprint: string;
  privateKey: KeyObject;
  /** Hex signature of each digest, oldest first. */
  signatures: string[];
}

export type ResolvedTrailOptions = Required<Omit<SignedTrailOptions, 'organizationId' | 'publicKeysFile' | 'privateKey'>> & {
  organizationId: string | undefined;
};

const HOUR = 3_600_000;
const MINUTE = 60_000;

export function writeSignedTrail(dir: string, options: SignedTrailOptions = {}): SignedTrail {
  const trailOptions = withDefaults(options);
  const privateKey = options.privateKey ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'pkcs1' });
  const fingerprint = createHash('md5').update(publicDer).digest('hex');
  const trail: SignedTrail = { logFiles: [], digestFiles: [], publicKeysFile: null, fingerprint, privateKey, signatures: [] };
  let previous: { s3Object: string; sha256: string; signature: string } | null = null;
  for (let hour = 0; hour < trailOptions.hours; hour += 1) {
    const startTime = Date.parse(trailOptions.start) + hour * HOUR;
    const logs = writeHourOfLogs(dir, trailOptions, startTime, hour);
    trail.logFiles.push(...logs.map((log) => log.s3Object));
    const digest = digestJson(trailOptions, startTime, fingerprint, previous, logs);
    const content = Buffer.from(JSON.stringify(digest), 'utf8');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const signature = sign('sha256', Buffer.from(signedString(digest, sha256), 'utf8'), privateKey).toString('hex');
    writeGzipped(dir, digest.digestS3Object, content);
    trail.digestFiles.push(digest.digestS3Object);
    trail.signatures.push(signature);
    previous = { s3Object: digest.digestS3Object, sha256, signature };
  }
  if (previous && trailOptions.signatureSidecar) writeFileSync(path.join(dir, `${previous.s3Object}.sig`), `${previous.signature}\n`);
  const keysFile = options.publicKeysFile === undefined ? path.join(dir, 'list-public-keys.json') : options.publicKeysFile;
  if (keysFile !== null) {
    writeFileSync(keysFile, publicKeyListJson(publicDer, fingerprint, Date.parse(trailOptions.start), trailOptions.hours));
    trail.publicKeysFile = keysFile;
  }
  return trail;
}

function withDefaults(options: SignedTrailOptions): ResolvedTrailOptions {
  const region = options.region ?? 'us-east-2';
  return {
    accountId: options.accountId ?? '111122223333',
    organizationId: options.organizationId,
    region,
    homeRegion: options.homeRegion ?? region,
    trailName: options.trailName ?? 'keytrail-test-trail',
    bucket: options.bucket ?? 'keytrail-test-bucket',
    prefix: options.prefix ?? '',
    start: options.start ?? '2024-03-01T00:00:31Z',
    hours: options.hours ?? 3,
    logsPerHour: options.logsPerHour ?? 2,
    recordsPerLog: options.recordsPerLog ?? 2,
    record: options.record ?? kmsDecryptRecord,
    signatureSidecar: options.signatureSidecar ?? true,
  };
}

/** Log files delivered during one digest hour, from a minute after its start on. */
function writeHourOfLogs(dir: string, o: ResolvedTrailOptions, startTime: number, hour: number): FixtureLog[] {
  return Array.from({ length: o.logsPerHour }, (_, index) => {
    const deliveredAt = startTime + MINUTE + Math.floor((index * (HOUR - 2 * MINUTE)) / o.logsPerHour);
    const seed = `${o.accountId}/${o.region}/${hour}/${index}`;
    const eventTimes = Array.from({ length: o.recordsPerLog }, (_, r) => deliveredAt - (2 + r) * MINUTE);
    const records = eventTimes.map((eventTime, r) =>
      o.record({ accountId: o.accountId, region: o.region, eventTime, seed: `${seed}/${r}` }),
    );
    const content = Buffer.from(JSON.stringify({ Records: records }), 'utf8');
    const s3Object = logKey(o, deliveredAt, seed);
    writeGzipped(dir, s3Object, content);
    return {
      s3Object,
      hashValue: createHash('sha256').update(content).digest('hex'),
      oldestEventTime: eventTimes.length ? isoSeconds(Math.min(...eventTimes)) : null,
      newestEventTime: eventTimes.length ? isoSeconds(Math.max(...eventTimes)) : null,
    };
  });
}

function writeGzipped(dir: string, key: string, content: Buffer): void {
  const file = path.join(dir, ...key.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, gzipSync(content));
}
