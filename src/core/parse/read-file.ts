import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RecordScanner, type ScanItem } from './scanner.js';

const CHUNK_SIZE = 1 << 20;

export interface FileProbe {
  gzip: boolean;
  empty: boolean;
}

/** Reads the first bytes: gzip is recognised by its magic number, never by suffix. */
export async function probeFile(path: string): Promise<FileProbe> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return { gzip: bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b, empty: bytesRead === 0 };
  } finally {
    await handle.close();
  }
}

export interface ReadOptions {
  gzip: boolean;
  /** Byte offset (of the uncompressed content) of a record boundary to resume from. */
  startOffset?: number;
  startLine?: number;
}

/** Content bytes of a file, decompressed when gzipped. Errors (truncated gzip) surface from the iterator. */
export function openContent(path: string, options: ReadOptions): Readable {
  const resumeRaw = !options.gzip && (options.startOffset ?? 0) > 0;
  const source = createReadStream(path, { highWaterMark: CHUNK_SIZE, start: resumeRaw ? options.startOffset : 0 });
  if (!options.gzip) return source;
  const gunzip = createGunzip({ chunkSize: CHUNK_SIZE });
  source.on('error', (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}

export interface ReadItems {
  items: ScanItem[];
  /** Uncompressed bytes read so far. */
  bytesRead: number;
}

/**
 * Streams a log file's records, a batch of scanner items per chunk. A gzipped file
 * resumed mid-way is decompressed from the start and the records before
 * `startOffset` are skipped by the caller; a plain file is read from `startOffset`.
 */
export async function* readRecords(path: string, options: ReadOptions): AsyncGenerator<ReadItems> {
  const gzip = options.gzip;
  const offset = !gzip ? (options.startOffset ?? 0) : 0;
  const scanner = new RecordScanner(offset, !gzip ? (options.startLine ?? 1) : 1);
  let bytesRead = offset;
  let failure: Error | null = null;
  try {
    for await (const chunk of openContent(path, options)) {
      const buffer = chunk as Buffer;
      bytesRead += buffer.length;
      yield { items: scanner.push(buffer), bytesRead };
    }
  } catch (error) {
    failure = error as Error;
  }
  const tail = scanner.end();
  if (failure) {
    const reason = describeReadError(failure, gzip);
    tail.push({ type: 'error', offset: bytesRead, line: scanner.currentLine, reason, truncated: reason.startsWith('truncated') });
  }
  yield { items: tail, bytesRead };
}

function describeReadError(error: Error & { code?: string }, gzip: boolean): string {
  if (gzip && (error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message))) {
    return 'truncated gzip: the file ends before its compressed stream does';
  }
  if (gzip && error.code === 'Z_DATA_ERROR') return `corrupt gzip data: ${error.message}`;
  return `read error: ${error.code ?? ''} ${error.message}`.trim();
}
