import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parseGzipHeader, startsWithGzipMagic } from './gzip-header.js';
import { HashingSink, inflateInMemory, inflateStreaming } from './inflate-member.js';

/** What reading one local file through gunzip and SHA-256 found. */
export interface UncompressedRead {
  /** Gzip detected by its magic bytes, never by the file suffix. */
  compressed: boolean;
  /** Lowercase hex SHA-256 of the uncompressed bytes (first gzip member only); null if unreadable. */
  sha256: string | null;
  /** Bytes that follow the first gzip member's trailer. */
  trailingBytes: number;
  /** Why the gzip stream is unusable (truncated, corrupt, CRC mismatch), else null. */
  error: string | null;
  /** The uncompressed bytes, only when asked for (digests) and no larger than asked. */
  content: Buffer | null;
}

/**
 * Files up to this size are read in one call and inflated in memory (most CloudTrail
 * log files, and 4x faster than a stream each); larger ones are streamed.
 */
const IN_MEMORY_FILE_BYTES = 64 * 1024;

/**
 * Hashes a file's uncompressed content. Never holds more than one small file, or one
 * stream's buffers, per call; `keepContentUpTo` > 0 also returns the content (digests).
 */
export async function readUncompressed(file: string, keepContentUpTo = 0): Promise<UncompressedRead> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(IN_MEMORY_FILE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const whole = head.length === size;
    if (!startsWithGzipMagic(head)) return whole ? plainFrom(head, keepContentUpTo) : await readPlain(file, keepContentUpTo);
    const header = parseGzipHeader(head);
    if ('error' in header) return failed(header.error);
    const member =
      (whole ? inflateInMemory(head, header.length, keepContentUpTo) : null) ??
      (await inflateStreaming(file, header.length, keepContentUpTo));
    if ('error' in member) return failed(member.error);
    // The trailer (CRC-32, length) follows the deflate data; anything after it was appended.
    const trailerAt = header.length + member.deflateLength;
    const trailer = whole ? head.subarray(trailerAt, trailerAt + 8) : Buffer.alloc(8);
    const bytesRead = whole ? trailer.length : (await handle.read(trailer, 0, 8, trailerAt)).bytesRead;
    if (bytesRead < 8) return failed('gzip trailer is truncated');
    if (trailer.readUInt32LE(0) !== member.crc32 || trailer.readUInt32LE(4) !== member.size % 2 ** 32) {
      return failed('gzip CRC or length check failed');
    }
    return { compressed: true, sha256: member.sha256, trailingBytes: size - trailerAt - 8, error: null, content: member.content };
  } finally {
    await handle.close();
  }
}

function plainFrom(bytes: Buffer, keepContentUpTo: number): UncompressedRead {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { compressed: false, sha256, trailingBytes: 0, error: null, content: bytes.length <= keepContentUpTo ? bytes : null };
}

async function readPlain(file: string, keepContentUpTo: number): Promise<UncompressedRead> {
  const sink = new HashingSink(keepContentUpTo);
  await pipeline(createReadStream(file), sink);
  const { sha256, content } = sink.result();
  return { compressed: false, sha256, trailingBytes: 0, error: null, content };
}

function failed(error: string): UncompressedRead {
  return { compressed: true, sha256: null, trailingBytes: 0, error, content: null };
}
