/**
 * A byte-level splitter that finds the records of a CloudTrail file without parsing
 * the whole document: the elements of a top-level `Records`/`Events`/`logEvents`/
 * `QueryResultRows` array, the elements of a top-level array, or each top-level value
 * (one JSON document, JSON Lines, concatenated JSON). Each record is then parsed on
 * its own, so a broken record is reported with its offset and line and the scanner
 * resynchronises on the next record that starts at the same indentation.
 */
import {
  BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COMMA, describeByte, isWhitespace, MAX_KEY_LENGTH, NEWLINE, OPEN_ARRAY, OPEN_OBJECT, QUOTE,
  RECORD_ARRAY_KEYS, skipPlainStringBytes, skipRecordInterior, type Container, type ScanItem,
} from './scan-items.js';

export type { Container, ScanError, ScanItem, ScannedRecord } from './scan-items.js';

export class RecordScanner {
  private pos: number;
  private line: number;
  private lineStart: number;
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  private container: Container | null = null;
  /** Stack depth at which the elements of the records array start. */
  private recordDepth = -1;
  private expectSeparator = false;
  private depth1Key = '';
  private collectingKey = false;
  private lastDepth1Key = '';
  /** Capture of the current record (or of a top-level value that may be one). */
  private captureStart = -1;
  private captureDepth = -1;
  private captureLine = 0;
  private captureColumn = 0;
  private captured: Buffer[] = [];
  private resyncing = false;
  private resyncColumn = 0;
  private resyncDepth = 0;
  private items: ScanItem[] = [];

  /**
   * Starts at `offset` (on line `line`) when a file is resumed from a known record boundary.
   * `innerLoop` false: every byte goes through the state machine (the reference its tests hold the fast loop to).
   */
  constructor(offset = 0, line = 1, private readonly innerLoop = true) {
    this.pos = offset;
    this.line = line;
    this.lineStart = offset;
  }

  /** The line the scanner is on: stored with a resume offset. */
  get currentLine(): number {
    return this.line;
  }

  /** Feeds the next chunk; returns the records and errors completed by it. */
  push(chunk: Buffer): ScanItem[] {
    this.items = [];
    const base = this.pos;
    let i = 0;
    while (i < chunk.length) {
      if (this.resyncing) {
        i = this.resync(chunk, i, base);
        continue;
      }
      if (this.inString) {
        if (!this.escaped && !this.collectingKey) {
          i = skipPlainStringBytes(chunk, i);
          if (i === chunk.length) break;
        }
      } else if (this.innerLoop && this.captureStart >= 0 && this.stack.length >= this.innerFloor()) {
        i = skipRecordInterior(chunk, i, this.stack, this.innerFloor());
        if (i === chunk.length) break;
      }
      const byte = chunk[i]!;
      if (this.inString) this.stringByte(byte, chunk, i, base);
      else this.structuralByte(byte, chunk, i, base);
      if (byte === NEWLINE) {
        this.line++;
        this.lineStart = base + i + 1;
      }
      i++;
    }
    if (this.captureStart >= 0) {
      this.captured.push(chunk.subarray(Math.max(0, this.captureStart - base)));
    }
    this.pos = base + chunk.length;
    return this.items;
  }

  /**
   * The fewest open levels at which skipRecordInterior may run: inside the record being captured, and
   * never on the first level of a top-level object, whose keys say whether it holds the records.
   */
  private innerFloor(): number {
    return this.container === null ? Math.max(this.captureDepth + 1, 2) : this.captureDepth + 1;
  }

  /** Ends the input: anything still open is reported as truncated. */
  end(): ScanItem[] {
    this.items = [];
    if (this.captureStart >= 0 && !this.resyncing) {
      this.fail(this.captureStart, this.captureLine, 'record is truncated: the file ends before it closes', true);
    } else if (this.stack.length > 0 && !this.resyncing) {
      this.fail(this.pos, this.line, 'file ends inside an unclosed JSON structure', true);
    }
    this.captured = [];
    this.captureStart = -1;
    return this.items;
  }

  private stringByte(byte: number, chunk: Buffer, i: number, base: number): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (byte === BACKSLASH) {
      this.escaped = true;
    } else if (byte === QUOTE) {
      this.inString = false;
      if (this.collectingKey) {
        this.collectingKey = false;
        this.lastDepth1Key = this.depth1Key;
      }
      return;
    } else if (byte === NEWLINE) {
      this.brokenAt(chunk, i, base, 'unterminated string (a raw line break inside a JSON string)');
      return;
    }
    if (this.collectingKey && this.depth1Key.length < MAX_KEY_LENGTH) {
      this.depth1Key += String.fromCharCode(byte);
    }
  }

  private structuralByte(byte: number, chunk: Buffer, i: number, base: number): void {
    if (isWhitespace(byte)) return;
    const depth = this.stack.length;
    if (this.expectSeparator && depth === this.recordDepth) {
      this.expectSeparator = false;
      if (byte === COMMA) return;
      if (byte !== CLOSE_ARRAY) {
        this.brokenAt(chunk, i, base, `expected "," or "]" after a record, found ${describeByte(byte)}`);
        return;
      }
    }
    if (byte === QUOTE) {
      this.inString = true;
      this.startValueIfNeeded(chunk, i, base, byte);
      if (depth === 1 && this.container === null && this.stack[0] === OPEN_OBJECT) {
        this.collectingKey = true;
        this.depth1Key = '';
      }
      return;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      this.open(byte, chunk, i, base);
      return;
    }
    if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      this.close(byte, chunk, i, base);
      return;
    }
    this.startValueIfNeeded(chunk, i, base, byte);
  }

  private startValueIfNeeded(chunk: Buffer, i: number, base: number, byte: number): void {
    const depth = this.stack.length;
    if (depth === 0) {
      this.brokenAt(chunk, i, base, `not JSON: unexpected ${describeByte(byte)} at the top level`);
    } else if (depth === this.recordDepth && this.captureStart < 0 && byte !== OPEN_OBJECT && byte !== OPEN_ARRAY) {
      this.brokenAt(chunk, i, base, `a record must be a JSON object, found ${describeByte(byte)}`);
    }
  }

  private open(byte: number, chunk: Buffer, i: number, base: number): void {
    const depth = this.stack.length;
    const offset = base + i;
    if (depth === 0) {
      this.container = null;
      this.recordDepth = -1;
      this.lastDepth1Key = '';
      if (byte === OPEN_ARRAY) {
        this.container = 'array';
        this.recordDepth = 1;
      } else {
        this.beginCapture(offset, 0);
      }
    } else if (depth === 1 && byte === OPEN_ARRAY && this.container === null && RECORD_ARRAY_KEYS.has(this.lastDepth1Key)) {
      // The top-level object is a container: drop its capture, take its elements.
      this.container = this.lastDepth1Key as Container;
      this.recordDepth = 2;
      this.captureStart = -1;
      this.captured = [];
    } else if (depth === this.recordDepth && this.captureStart < 0) {
      this.beginCapture(offset, depth);
    }
    this.stack.push(byte);
  }

  private close(byte: number, chunk: Buffer, i: number, base: number): void {
    const expected = byte === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY;
    if (this.stack[this.stack.length - 1] !== expected) {
      this.brokenAt(chunk, i, base, `unbalanced ${describeByte(byte)}`);
      return;
    }
    this.stack.pop();
    const depth = this.stack.length;
    if (this.captureStart >= 0 && depth === this.captureDepth) {
      this.emitCapture(chunk, base + i + 1, base);
      if (depth === this.recordDepth) this.expectSeparator = true;
      return;
    }
    if (depth < this.recordDepth) {
      // The records array closed; the rest of the top-level object is not a record.
      this.recordDepth = -1;
      this.expectSeparator = false;
    }
    if (depth === 0) this.container = null;
  }

  private beginCapture(offset: number, depth: number): void {
    this.captureStart = offset;
    this.captureDepth = depth;
    this.captureLine = this.line;
    this.captureColumn = offset - this.lineStart;
    this.captured = [];
  }

  private emitCapture(chunk: Buffer, endOffset: number, base: number): void {
    const startInChunk = this.captureStart - base;
    let text: string;
    if (startInChunk >= 0) {
      text = chunk.toString('utf8', startInChunk, endOffset - base);
    } else {
      this.captured.push(chunk.subarray(0, endOffset - base));
      text = Buffer.concat(this.captured).toString('utf8');
    }
    const container = this.captureDepth === 0 ? 'top' : (this.container ?? 'array');
    this.items.push({ type: 'record', text, offset: this.captureStart, line: this.captureLine, end: endOffset, endLine: this.line, container });
    this.captureStart = -1;
    this.captured = [];
  }

  /** Reports the record in progress (or this spot) as broken and starts resyncing. */
  private brokenAt(chunk: Buffer, i: number, base: number, reason: string): void {
    const inRecord = this.captureStart >= 0;
    const offset = inRecord ? this.captureStart : base + i;
    const line = inRecord ? this.captureLine : this.line;
    this.fail(offset, line, reason);
    const inRecordsArray = !inRecord && this.stack.length > 0 && this.stack.length === this.recordDepth;
    this.resyncColumn = inRecord ? this.captureColumn : inRecordsArray ? base + i - this.lineStart : 0;
    this.resyncDepth = inRecord ? this.captureDepth : inRecordsArray ? this.recordDepth : 0;
    this.captureStart = -1;
    this.captured = [];
    this.inString = false;
    this.escaped = false;
    this.collectingKey = false;
    this.expectSeparator = false;
    this.resyncing = true;
    // The byte that broke it may itself be a newline: resync from the next line.
    this.skipRestOfLine = chunk[i] !== NEWLINE;
  }

  private skipRestOfLine = true;

  /**
   * Skips to the next line whose first non-blank byte opens a value at the broken
   * record's column; resumes there with the container's depth restored.
   */
  private resync(chunk: Buffer, i: number, base: number): number {
    while (i < chunk.length) {
      const byte = chunk[i]!;
      if (this.skipRestOfLine) {
        if (byte === NEWLINE) {
          this.skipRestOfLine = false;
          this.line++;
          this.lineStart = base + i + 1;
        }
        i++;
        continue;
      }
      if (byte === 0x20 || byte === 0x09 || byte === 0x0d) {
        i++;
        continue;
      }
      const column = base + i - this.lineStart;
      if ((byte === OPEN_OBJECT || byte === OPEN_ARRAY) && column === this.resyncColumn) {
        this.resyncing = false;
        this.stack.length = Math.min(this.stack.length, this.resyncDepth);
        if (this.resyncDepth === 0) this.container = null;
        return i;
      }
      this.skipRestOfLine = byte !== NEWLINE;
      if (byte === NEWLINE) {
        this.line++;
        this.lineStart = base + i + 1;
      }
      i++;
    }
    return i;
  }

  private fail(offset: number, line: number, reason: string, truncated = false): void {
    this.items.push(truncated ? { type: 'error', offset, line, reason, truncated } : { type: 'error', offset, line, reason });
  }
}
