import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** The first gzip member's deflate stream, inflated and hashed. */
export interface InflatedMember {
  /** Compressed bytes the deflate stream took: the 8-byte trailer follows them. */
  deflateLength: number;
  sha256: string;
  crc32: number;
  size: number;
  content: Buffer | null;
}

export type InflateOutcome = InflatedMember | { error: string };

/** Output cap for in-memory inflation; past it the file is streamed instead (gzip bombs). */
const IN_MEMORY_OUTPUT_LIMIT = 4 * 1024 * 1024;

/**
 * Inflates a small file already read into memory. A raw inflater stops at the end of the
 * deflate data and reports how much it consumed, which locates the trailer. Null when
 * the output would be too large to hold: stream it instead.
 */
export function inflateInMemory(file: Buffer, deflateStart: number, keepContentUpTo: number): InflateOutcome | null {
  let result: { buffer: Buffer; engine: zlib.InflateRaw };
  try {
    // `info: true` is documented but missing from @types/node's overloads.
    const options = { info: true, maxOutputLength: IN_MEMORY_OUTPUT_LIMIT } as zlib.ZlibOptions;
    result = zlib.inflateRawSync(file.subarray(deflateStart), options) as unknown as typeof result;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    return { error: `gzip stream is corrupt or truncated (${(error as Error).message})` };
  }
  const { buffer, engine } = result;
  return {
    deflateLength: engine.bytesWritten,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    crc32: zlib.crc32(buffer),
    size: buffer.length,
    content: buffer.length <= keepContentUpTo ? buffer : null,
  };
}

/** Streams a file of any size through a raw inflater into SHA-256: constant memory. */
export async function inflateStreaming(file: string, deflateStart: number, keepContentUpTo: number): Promise<InflateOutcome> {
  const inflate = zlib.createInflateRaw();
  const sink = new HashingSink(keepContentUpTo);
  try {
    await pipeline(createReadStream(file, { start: deflateStart }), inflate, sink);
  } catch (error) {
    return { error: `gzip stream is corrupt or truncated (${(error as Error).message})` };
  }
  return { deflateLength: inflate.bytesWritten, ...sink.result() };
}

/** Hashes, CRCs and (up to a limit) keeps what flows through it. */
export class HashingSink extends Writable {
  private readonly hash = createHash('sha256');
  private crc = 0;
  private size = 0;
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

  result(): Omit<InflatedMember, 'deflateLength'> {
    const content = this.kept ? Buffer.concat(this.kept) : null;
    return { sha256: this.hash.digest('hex'), crc32: this.crc, size: this.size, content };
  }
}
