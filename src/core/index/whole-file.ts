import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { FileProbe } from '../parse/read-file.js';
import { RecordScanner, type ScanItem } from '../parse/scanner.js';
import { hashOfHead, type HeadHash } from './file-state.js';

/**
 * Files up to this size are read in one call. Most S3 deliveries are a few KiB: a stream
 * per file (1 MiB read and inflate buffers, three opens for probe, head hash and content)
 * cost more than the file itself. Read synchronously: the writer's SQLite calls block the
 * same thread anyway, and four thread-pool round trips per file left it idle a third of the time.
 */
export const WHOLE_READ_BYTES = 1 << 20;

export interface WholeFile {
  probe: FileProbe;
  head: HeadHash;
  /** The scanner's items, in file order. */
  items: ScanItem[];
}

/**
 * Reads, probes, hashes and scans a small file from one read. Null when its gzip stream
 * is damaged: the streaming reader then indexes what precedes the damage and reports it.
 */
export function readWholeFile(path: string): WholeFile | null {
  const bytes = readFileSync(path);
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  let content = bytes;
  if (gzip) {
    try {
      content = gunzipSync(bytes);
    } catch {
      return null;
    }
  }
  const scanner = new RecordScanner(0, 1);
  const items = [...scanner.push(content), ...scanner.end()];
  return { probe: { gzip, empty: bytes.length === 0 }, head: hashOfHead(bytes), items };
}
