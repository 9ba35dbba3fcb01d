import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { parseGzipHeader, startsWithGzipMagic } from './gzip-header.js';

/** What streaming one local file through gunzip and SHA-256 found. */
export interface UncompressedRead {
  /** Gzip detected by its magic bytes, never by the file suffix. */
  compressed: boolean;
  /** Lowercase hex SHA-256 of the uncompressed bytes (first gzip member only); null if unreadable. */
  sha256: string | null;
  /** Bytes that follow the first gzip member's trailer. */
  trailingBytes: number;
  /** Why the gzip stream is unusable (truncated, corrupt, CRC mismatch), else null. */
  error: string | null;
  /** The uncompressed bytes, only when asked for (digests) and readable. */
  content: Buffer | null;
}

/** Header bytes read up front; a header longer than this (huge FEXTRA/FNAME) is refused. */
const HEAD_BYTES = 64 * 1024;

/**
 * Hashes a file's uncompressed content by streaming it: never the whole file in memory
 * unless `keepContentUpTo` asks for it (digests, which are small and must be parsed).
 */
export async function readUncompressed(file: string, keepContentUpTo = 0): Promise<UncompressedRead> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    if (!startsWithGzipMagic(head)) return await readPlain(file, keepContentUpTo);
    const header = parseGzipHeader(head);
    if ('error' in header) return failed(header.error);
    const inflate = zlib.createInflateRaw();
    const sink = new DigestSink(keepContentUpTo);
    try {
      await pipeline(createReadStream(file, { start: header.length }), inflate, sink);
    } catch (error) {
      return failed(`gzip stream is corrupt or truncated (${describe(error)})`);
    }
    // The raw inflater stops at the end of the deflate data; what follows is trailer + extra.
    const trailerAt = header.length + inflate.bytesWritten;
    const trailer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(trailer, 0, 8, trailerAt);
    if (bytesRead < 8) return failed('gzip trailer is truncated');
    if (trailer.readUInt32LE(0) !== sink.crc || trailer.readUInt32LE(4) !== sink.size % 2 ** 32) {
      return failed('gzip CRC or length check failed');
    }
    return { ...sink.result(), compressed: true, trailingBytes: size - trailerAt - 8 };
  } finally {
    await handle.close();
  }
}

async function readPlain(file: string, keepContentUpTo: number): Promise<UncompressedRead> {
  const sink = new DigestSink(keepContentUpTo);
  await pipeline(createReadStream(file), sink);
  return { ...sink.result(), compressed: false, trailingBytes: 0 };
}

function failed(error: string): UncompressedRead {
  return { compressed: true, sha256: null, trailingBytes: 0, error, content: null };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Hashes, CRCs and (up to a limit) keeps what flows through it. */
class DigestSink extends Writable {
  readonly hash = createHash('sha256');
  crc = 0;
  size = 0;
  private kept: Buffer[] | null;

  constructor(private readonly keepUpTo: number) {
    super();
    this.kept = keepUpTo > 0 ? [] : null;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.hash.update(chunk);
    this.crc = zlib.crc32(chunk, this.crc);
    this.size += chunk.length;
    if (this.kept && this.size <= this.keepUpTo) this.kept.push(chunk);
    else this.kept = null;
    done();
  }

  result(): Pick<UncompressedRead, 'sha256' | 'error' | 'content'> {
    const content = this.kept ? Buffer.concat(this.kept) : null;
    return { sha256: this.hash.digest('hex'), error: null, content };
  }
}
