/** What the RecordScanner yields, and the bytes of JSON structure it looks at. */
export type Container = 'top' | 'array' | 'Records' | 'Events' | 'logEvents' | 'QueryResultRows';

export interface ScannedRecord {
  type: 'record';
  text: string;
  offset: number;
  line: number;
  /** Byte offset just past the record, and its line: a restart resumes here. */
  end: number;
  endLine: number;
  container: Container;
}

export interface ScanError {
  type: 'error';
  offset: number;
  line: number;
  reason: string;
  /** The input ended before the record did: a file still being written may complete it. */
  truncated?: boolean;
}

export type ScanItem = ScannedRecord | ScanError;

export const RECORD_ARRAY_KEYS = new Set<string>(['Records', 'Events', 'logEvents', 'QueryResultRows']);
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const NEWLINE = 0x0a;
export const COMMA = 0x2c;
export const MAX_KEY_LENGTH = 64;

export function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

/** A byte as an error message names it. */
export function describeByte(byte: number): string {
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * Inside a string only a quote, a backslash or a raw line break matter: a tight loop over the
 * rest (most of a CloudTrail record's bytes) scans 1.4x faster than the per-byte state machine.
 */
export function skipPlainStringBytes(chunk: Buffer, i: number): number {
  while (i < chunk.length) {
    const byte = chunk[i]!;
    if (byte === QUOTE || byte === BACKSLASH || byte === NEWLINE) return i;
    i++;
  }
  return i;
}

/**
 * Inside a record only strings, brackets and line breaks matter (in a top-level object, below its first
 * level, whose keys are watched): this loop passes over them with none of the state machine's checks,
 * which are about the levels above (the container's keys, the separators between records, a record's
 * first byte). It returns, before the byte, at anything the state machine must see: a bracket that would
 * leave fewer than `floor` levels open or does not match, a line break (the state machine counts lines),
 * and a string holding a raw line break or running past the chunk (the state machine takes that string
 * from its opening quote). Scanning takes about half the time it took byte by byte.
 */
export function skipRecordInterior(chunk: Buffer, i: number, stack: number[], floor: number): number {
  const length = chunk.length;
  while (i < length) {
    const byte = chunk[i]!;
    if (byte === QUOTE) {
      let j = skipPlainStringBytes(chunk, i + 1);
      // At a backslash: the escaped byte is passed over too, unless it is a line break.
      while (j < length && chunk[j] === BACKSLASH && j + 1 < length && chunk[j + 1] !== NEWLINE) j = skipPlainStringBytes(chunk, j + 2);
      if (j >= length || chunk[j] !== QUOTE) return i;
      i = j + 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      stack.push(byte);
      i++;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (stack.length - 1 < floor || stack[stack.length - 1] !== (byte === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) return i;
      stack.pop();
      i++;
    } else if (byte === NEWLINE) {
      return i;
    } else {
      i++;
    }
  }
  return i;
}
