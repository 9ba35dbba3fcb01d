import { type DigestFile, parseDigest } from './digest.js';
import { type AwsLogsLocation, localPathOf } from './layout.js';
import { readUncompressed } from './read-uncompressed.js';
import { reportPath } from './walk.js';

/** Digests are parsed whole; one larger than this is refused rather than held in memory. */
const MAX_DIGEST_BYTES = 64 * 1024 * 1024;

/** A digest file in the local copy, read and checked. */
export interface LocalDigest {
  path: string;
  rel: string;
  /** Directory holding `AWSLogs/`: the S3 keys this digest names resolve under it. */
  root: string;
  /** Where S3 keys naming this digest resolve: its own path inside the layout. */
  at: string;
  /** SHA-256 of the uncompressed content; null when it could not be decompressed. */
  sha256: string | null;
  /** The checked content; null when malformed. */
  digest: DigestFile | null;
  /** Why it is malformed, else null. */
  problem: string | null;
  /** Something odd that does not make it malformed (e.g. stored away from its digestS3Object). */
  note: string | null;
}

export async function loadDigest(
  dir: string,
  candidate: { path: string; location: AwsLogsLocation | null },
): Promise<LocalDigest> {
  const { path, location } = candidate;
  const root = location?.root ?? dir;
  const base = { path, rel: reportPath(dir, path), root, at: path, note: null };
  let read;
  try {
    read = await readUncompressed(path, MAX_DIGEST_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ...base, sha256: null, digest: null, problem: `could not be read (${code})` };
  }
  const malformed = (problem: string): LocalDigest => ({ ...base, sha256: read.sha256, digest: null, problem });
  if (read.error !== null) return malformed(read.error);
  if (read.trailingBytes > 0) return malformed(`${read.trailingBytes} bytes of unexpected data after the end of the gzip member`);
  if (read.content === null) return malformed(`larger than ${MAX_DIGEST_BYTES / 1024 / 1024} MiB uncompressed`);
  const parsed = parseDigest(read.content);
  if ('error' in parsed) return malformed(`not a CloudTrail digest: ${parsed.error}`);
  const digest = parsed.digest;
  if (!location) {
    // Found by content outside the layout: treat it as sitting where it says it was delivered.
    return { ...base, sha256: read.sha256, digest, problem: null, at: localPathOf(dir, digest.key) };
  }
  const note = location.key === digest.key ? null : 'stored at a different path than its digestS3Object names';
  return { ...base, sha256: read.sha256, digest, problem: null, note };
}
