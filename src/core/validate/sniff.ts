import { open } from 'node:fs/promises';
import zlib from 'node:zlib';
import { startsWithGzipMagic } from './gzip-header.js';

const SNIFF_BYTES = 64 * 1024;

/**
 * True when a file outside the `CloudTrail-Digest/` folders still looks like a digest:
 * a JSON object naming `digestStartTime` and `digestS3Object` near its start. Reads at
 * most 64 KiB, so stray large files cost little.
 */
export async function looksLikeDigest(file: string): Promise<boolean> {
  // An unreadable stray file is simply not a digest; unreadable digests are reported later.
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const start = head.subarray(0, bytesRead);
    const text = (startsWithGzipMagic(start) ? inflatePrefix(start) : start).toString('utf8');
    return /^\s*\{/.test(text) && text.includes('"digestStartTime"') && text.includes('"digestS3Object"');
  } finally {
    await handle.close();
  }
}

/** As much of a gzip stream as the prefix holds; empty when it is not valid gzip. */
function inflatePrefix(prefix: Buffer): Buffer {
  try {
    return zlib.gunzipSync(prefix, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}
