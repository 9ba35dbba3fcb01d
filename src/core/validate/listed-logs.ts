import type { DigestLogEntry } from './digest.js';
import { localPathOf } from './layout.js';
import type { LocalDigest } from './local-digest.js';
import { mapWithConcurrency } from './pool.js';
import { readUncompressed, type UncompressedRead } from './read-uncompressed.js';
import type { FileIntegrity } from './types.js';
import { reportPath } from './walk.js';

interface Listing {
  entry: DigestLogEntry;
  digest: LocalDigest;
}

/**
 * Judges every log file a readable digest lists: present locally and its uncompressed
 * SHA-256 equal to `hashValue` -> valid; otherwise modified or missing. Files are
 * streamed, `concurrency` at a time. Returns the verdicts and the paths listed.
 */
export async function judgeListedLogs(
  dir: string,
  digests: readonly LocalDigest[],
  present: ReadonlySet<string>,
  concurrency: number,
): Promise<{ results: FileIntegrity[]; listed: Set<string> }> {
  const listings = new Map<string, Listing[]>();
  for (const digest of digests) {
    for (const entry of digest.digest?.logFiles ?? []) {
      const at = localPathOf(digest.root, entry.key);
      const list = listings.get(at);
      if (list) list.push({ entry, digest });
      else listings.set(at, [{ entry, digest }]);
    }
  }
  const results = await mapWithConcurrency([...listings], concurrency, ([at, list]) =>
    judgeLog(reportPath(dir, at), at, list as [Listing, ...Listing[]], present),
  );
  return { results, listed: new Set(listings.keys()) };
}

async function judgeLog(
  rel: string,
  at: string,
  listings: [Listing, ...Listing[]],
  present: ReadonlySet<string>,
): Promise<FileIntegrity> {
  const { entry, digest } = listings[0];
  const verdict = (status: FileIntegrity['status'], reason: string, by = digest): FileIntegrity => ({
    file: rel,
    kind: 'log',
    status,
    digest: by.rel,
    reason,
    ...(entry.oldestEventTime !== null && { oldestEventTime: entry.oldestEventTime }),
    ...(entry.newestEventTime !== null && { newestEventTime: entry.newestEventTime }),
  });
  if (!present.has(at)) return verdict('missing', 'listed in the digest but not in the local copy');
  const unsupported = listings.find((listing) => listing.entry.hashAlgorithm !== 'SHA-256');
  if (unsupported) return verdict('unverifiable', 'the digest records its hash with an unsupported algorithm', unsupported.digest);
  let read: UncompressedRead;
  try {
    read = await readUncompressed(at);
  } catch (error) {
    return verdict('unverifiable', `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (read.error !== null) return verdict('modified', `${read.error}; it is not the file the digest lists`);
  if (read.trailingBytes > 0) {
    return verdict('modified', `${read.trailingBytes} bytes of data appended after the end of the first gzip member`);
  }
  const mismatch = listings.find((listing) => listing.entry.hashValue !== read.sha256);
  if (mismatch) {
    return verdict('modified', 'SHA-256 of the uncompressed content differs from the hashValue in the digest', mismatch.digest);
  }
  return verdict('valid', 'SHA-256 of the uncompressed content matches the digest');
}
