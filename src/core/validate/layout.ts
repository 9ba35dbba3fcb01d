import path from 'node:path';

/**
 * The S3 layout CloudTrail writes (CloudTrail User Guide, log file and digest file names):
 *   [prefix/]AWSLogs/[o-orgid/]<account>/CloudTrail/<region>/YYYY/MM/DD/<log>.json.gz
 *   [prefix/]AWSLogs/[o-orgid/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<digest>.json.gz
 * A local copy is matched to S3 keys by the part from the `AWSLogs/` folder on.
 */

export interface KeyParts {
  /** `AWSLogs/[org/]account`: log files and digests of one owner share it. */
  owner: string;
  /** `CloudTrail`, `CloudTrail-Digest`, `CloudTrail-Insight`, ... */
  folder: string;
  region: string | null;
}

export interface AwsLogsLocation extends KeyParts {
  /** Absolute directory holding the `AWSLogs` folder; S3 keys resolve against it. */
  root: string;
  /** '/'-separated key from `AWSLogs/` on. */
  key: string;
}

const ORGANIZATION_ID = /^o-[a-z0-9]+$/;

/** Splits an `AWSLogs/...` key; null when it is too short to name an owner and folder. */
export function keyParts(key: string): KeyParts | null {
  const segments = key.split('/');
  const orgOffset = ORGANIZATION_ID.test(segments[1] ?? '') ? 1 : 0;
  const owner = segments.slice(0, 2 + orgOffset).join('/');
  const folder = segments[2 + orgOffset];
  if (folder === undefined || segments.length < 4 + orgOffset) return null;
  // A region only when more segments (date folders, file) follow it.
  const region = segments.length > 4 + orgOffset ? (segments[3 + orgOffset] ?? null) : null;
  return { owner, folder, region };
}

/** Where an absolute local path sits in an `AWSLogs/` tree, or null outside one. */
export function locateInAwsLogs(absolutePath: string): AwsLogsLocation | null {
  const segments = absolutePath.split(path.sep);
  const at = segments.lastIndexOf('AWSLogs');
  if (at < 0) return null;
  const key = segments.slice(at).join('/');
  const parts = keyParts(key);
  if (!parts) return null;
  return { root: segments.slice(0, at).join(path.sep) || path.sep, key, ...parts };
}

/**
 * The `AWSLogs/...` part of an S3 object key from a digest, or null when there is none
 * or it could climb out of the tree (the key is attacker-controlled data, not a path).
 */
export function awsLogsKey(s3Object: string): string | null {
  const segments = s3Object.split('/');
  const at = segments.lastIndexOf('AWSLogs');
  if (at < 0) return null;
  const rest = segments.slice(at);
  const unsafe = rest.some((s) => s === '' || s === '.' || s === '..' || /[\\\0]/.test(s));
  return unsafe ? null : rest.join('/');
}

/** Absolute local path an `AWSLogs/...` key resolves to under a root. */
export function localPathOf(root: string, key: string): string {
  return path.join(root, ...key.split('/'));
}

const LOG_DELIVERY = /_CloudTrail_[\w-]+_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z/;

/** Delivery minute (epoch ms) from a log file name `..._YYYYMMDDTHHmmZ_...`, or null. */
export function logDeliveryTime(fileName: string): number | null {
  const m = LOG_DELIVERY.exec(fileName);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute);
  const date = new Date(time);
  // Reject 20240231 and the like instead of letting Date roll them over.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 ? time : null;
}

const DIGEST_NAME = /\/\d{4}\/\d{2}\/\d{2}\/([^/]+)_\d{8}T\d{6}Z(_backfill)?\.json\.gz$/;

/**
 * Identity of the chain a digest key belongs to: owner, source region, trail, home
 * region, and whether it is a backfill chain (its own hourly chain, walked separately).
 */
export function digestChainId(key: string): string {
  return key.replace(DIGEST_NAME, (_all, stem: string, backfill?: string) => `/${stem}${backfill ?? ''}`);
}
