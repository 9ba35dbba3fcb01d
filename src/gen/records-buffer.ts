/**
 * One Records file in the making: serialized events appended as UTF-8 bytes right away,
 * with their start offsets. Holding bytes instead of thousands of strings keeps the
 * main thread's heap small, and the buffer moves to a gzip worker without a copy.
 */
export interface RecordsBatch {
  bytes: Uint8Array;
  /** Start offset of each record; a record ends where the next starts (or at `length`). */
  starts: Uint32Array;
  length: number;
  /** The order to write records in: CloudTrail does not sort a file's records. */
  order: Uint32Array;
}

export class RecordsBuffer {
  private bytes: Buffer;
  private starts: number[] = [];
  private length = 0;

  constructor(private readonly initialBytes = 1 << 20) {
    this.bytes = Buffer.allocUnsafeSlow(initialBytes);
  }

  get count(): number {
    return this.starts.length;
  }

  append(json: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.length + json.length * 3 > this.bytes.length) this.grow(this.length + json.length * 3);
    this.starts.push(this.length);
    this.length += this.bytes.write(json, this.length, 'utf8');
  }

  /** Hands over the bytes with the given record order and starts a fresh buffer. */
  take(order: number[]): RecordsBatch {
    const batch = { bytes: new Uint8Array(this.bytes.buffer, 0, this.length), starts: Uint32Array.from(this.starts), length: this.length, order: Uint32Array.from(order) };
    this.bytes = Buffer.allocUnsafeSlow(this.initialBytes);
    this.starts = [];
    this.length = 0;
    return batch;
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(larger, 0, 0, this.length);
    this.bytes = larger;
  }
}

/** `{"Records":[...]}` from a batch, records in `order`; the same bytes recordsJson() builds. */
export function assembleRecords(batch: RecordsBatch): Uint8Array {
  const { bytes, starts, length, order } = batch;
  const open = Buffer.from('{"Records":[');
  const output = Buffer.allocUnsafe(open.length + length + Math.max(order.length - 1, 0) + 2);
  let offset = open.copy(output, 0);
  order.forEach((index, position) => {
    if (position > 0) output[offset++] = 0x2c; // ','
    const start = starts[index]!;
    const end = index + 1 < starts.length ? starts[index + 1]! : length;
    output.set(bytes.subarray(start, end), offset);
    offset += end - start;
  });
  output[offset++] = 0x5d; // ']'
  output[offset++] = 0x7d; // '}'
  return output;
}
