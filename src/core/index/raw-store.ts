import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { IndexDb } from './open.js';

/**
 * Raw events are kept whole (evidence) but compressed in blocks of ~128 KiB: one
 * compression per block instead of per event is several times faster and smaller.
 * Brotli at quality 4 is both faster and ~15% smaller than deflate here, and a
 * block compresses to ~14 KiB, which fills a 16 KiB page (an 8 KiB blob wastes half
 * of one). Reading one event inflates its block: ~0.25 ms.
 */
export const RAW_BLOCK_BYTES = 128 * 1024;

const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_LGWIN]: 18 } };

export function compressRawBlock(data: Buffer): Buffer {
  return brotliCompressSync(data, BROTLI_OPTIONS);
}

/** The open block as it was when a file's savepoint began. */
export interface RawMark {
  blockId: number;
  parts: Buffer[];
  size: number;
}

/**
 * Collects raw events into blocks, each compressed and written as soon as it is full. A block may
 * hold events of earlier files of the transaction and of the file whose savepoint is open: if that
 * file is undone, its rollback takes the block with it, and `restore` reopens the block with the
 * earlier files' events, to be written again under the same id. `flush()` writes the open block and
 * must run in the events' transaction.
 *
 * Compressed here, on the writer's thread: with files parsed on a second thread (FilePreparer), the
 * thread pool's compressions only competed with it for the same two cores (docs/PERFORMANCE.md).
 */
export class RawBlockWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private blockId: number;
  private readonly insert;

  constructor(private readonly db: IndexDb) {
    this.blockId = this.nextFreeId();
    this.insert = db.prepare('INSERT INTO raw_blocks (id, data) VALUES (?, ?)');
  }

  /** Where `append` will put the next raw event of `length` bytes. */
  nextLocation(length: number): { block: number; offset: number; length: number } {
    return { block: this.blockId, offset: this.size, length };
  }

  /** Stores a raw event at `nextLocation`; call only inside the writer's transaction. */
  append(bytes: Buffer): void {
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= RAW_BLOCK_BYTES) this.seal();
  }

  /** A raw event of the open block (not yet in the index); null when it is written. */
  readOpen(block: number, offset: number, length: number): string | null {
    if (block !== this.blockId) return null;
    return Buffer.concat(this.parts, this.size).toString('utf8', offset, offset + length);
  }

  /** Writes the open block; must run in the events' transaction. */
  flush(): void {
    if (this.size > 0) this.seal();
  }

  /** Raw events not yet written. */
  holdsAny(): boolean {
    return this.size > 0;
  }

  /** Taken as a file's savepoint begins. */
  mark(): RawMark {
    return { blockId: this.blockId, parts: this.parts.slice(), size: this.size };
  }

  /** After ROLLBACK TO the savepoint taken with `mark`: the open block is again what it was, blocks written since are gone. */
  restore(mark: RawMark): void {
    this.blockId = mark.blockId;
    this.parts = mark.parts;
    this.size = mark.size;
  }

  /** After a rolled-back transaction, continue from what the database really holds. */
  reset(): void {
    this.blockId = this.nextFreeId();
    this.parts = [];
    this.size = 0;
  }

  private seal(): void {
    this.insert.run(this.blockId, compressRawBlock(Buffer.concat(this.parts, this.size)));
    this.blockId++;
    this.parts = [];
    this.size = 0;
  }

  private nextFreeId(): number {
    const max = this.db.prepare('SELECT max(id) FROM raw_blocks').pluck().get() as number | null;
    return (max ?? 0) + 1;
  }
}

/** Reads raw events back, keeping the last few blocks inflated (detail views page nearby events). */
export class RawBlockReader {
  private readonly cache = new Map<number, Buffer>();
  private readonly select;

  constructor(db: IndexDb, private readonly capacity = 8) {
    this.select = db.prepare('SELECT data FROM raw_blocks WHERE id = ?').pluck();
  }

  read(block: number, offset: number, length: number): string | null {
    let data = this.cache.get(block);
    if (!data) {
      const compressed = this.select.get(block) as Buffer | undefined;
      if (!compressed) return null;
      data = brotliDecompressSync(compressed);
      this.cache.set(block, data);
      if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as number);
    }
    return data.toString('utf8', offset, offset + length);
  }
}
