import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
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

/** A full block on its way into the index: compressed on the thread pool, written once that is done. */
interface SealedBlock {
  data: Buffer;
  compressed: Buffer | null;
  done: Promise<void>;
}

/** Blocks sealed and not yet written before the writer waits for their compression (bounds memory). */
const MAX_SEALED = 16;

/**
 * Collects raw events into blocks. A full block is compressed on the thread pool (the other core)
 * while the writer goes on: Brotli was a sixth of a cold ingest's CPU on the writer's thread.
 * A finished block is written as soon as that cannot be undone by another file's rollback: inside a
 * file's savepoint only the blocks sealed since it began (they hold that file's events alone), the
 * others between files (`drain`). `flush()` writes the rest and must run in the events' transaction.
 */
export class RawBlockWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private blockId: number;
  /** Sealed, not yet written. */
  private sealed = new Map<number, SealedBlock>();
  /** Blocks from this id on were sealed inside the open savepoint (0: none is open). */
  private savepointFloor = 0;
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

  /** A raw event not yet in the index (open or still compressing); null when it is written. */
  readOpen(block: number, offset: number, length: number): string | null {
    if (block === this.blockId) return Buffer.concat(this.parts, this.size).toString('utf8', offset, offset + length);
    const sealed = this.sealed.get(block);
    return sealed ? sealed.data.toString('utf8', offset, offset + length) : null;
  }

  /**
   * Between files (no savepoint open): writes every block whose compression is done, waiting only
   * while too many are sealed.
   */
  async drain(): Promise<void> {
    this.savepointFloor = 0;
    while (this.sealed.size > MAX_SEALED) {
      await this.sealed.values().next().value!.done;
      this.writeCompressed(0);
    }
    this.writeCompressed(0);
  }

  /** Writes every block, compressing here what the pool has not finished; must run in the events' transaction. */
  flush(): void {
    if (this.size > 0) this.seal(false);
    for (const [id, block] of this.sealed) this.insert.run(id, block.compressed ?? compressRawBlock(block.data));
    this.sealed.clear();
  }

  /** Raw events not yet written: in the open block or in a sealed one. */
  holdsAny(): boolean {
    return this.size > 0 || this.sealed.size > 0;
  }

  /** Taken as a file's savepoint begins. */
  mark(): RawMark {
    this.savepointFloor = this.blockId;
    return { blockId: this.blockId, parts: this.parts.slice(), size: this.size };
  }

  /**
   * After ROLLBACK TO the savepoint taken with `mark`: blocks sealed since are gone (written ones
   * with the rollback), so the open block is again what it was, and is written again with the events that point into it.
   */
  restore(mark: RawMark): void {
    for (const id of this.sealed.keys()) if (id >= mark.blockId) this.sealed.delete(id);
    this.blockId = mark.blockId;
    this.parts = mark.parts;
    this.size = mark.size;
  }

  /** After a rolled-back transaction, continue from what the database really holds. */
  reset(): void {
    this.blockId = this.nextFreeId();
    this.sealed = new Map();
    this.savepointFloor = 0;
    this.parts = [];
    this.size = 0;
  }

  private seal(inBackground = true): void {
    const data = Buffer.concat(this.parts, this.size);
    const id = this.blockId++;
    this.parts = [];
    this.size = 0;
    if (!inBackground) {
      this.sealed.set(id, { data, compressed: compressRawBlock(data), done: Promise.resolve() });
      return;
    }
    const block: SealedBlock = { data, compressed: null, done: Promise.resolve() };
    // A failed compression is done again at flush.
    block.done = new Promise((resolve) => brotliCompress(data, BROTLI_OPTIONS, (error, compressed) => {
      if (!error) block.compressed = compressed;
      resolve();
    }));
    this.sealed.set(id, block);
    this.writeCompressed(this.savepointFloor);
  }

  /** Writes the finished blocks from `floor` on; their raw events are then read from the index. */
  private writeCompressed(floor: number): void {
    for (const [id, block] of this.sealed) {
      if (id < floor || block.compressed === null) continue;
      this.insert.run(id, block.compressed);
      this.sealed.delete(id);
    }
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
