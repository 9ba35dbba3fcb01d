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
  /** Sealed blocks waiting to be written then: the ones sealed after it held the undone file's events. */
  waiting: number;
}

/**
 * Compresses sealed blocks on another thread (the read-ahead's: src/indexer/file-preparer.ts).
 * It may fail or go away at any time: a block it does not give back is compressed here.
 */
export interface BlockCompressor {
  /** Starts compressing a copy of `data`; the ticket fetches the result (null: not taken). */
  send(data: Buffer): number | null;
  /** The compressed block if back (with `wait`, once back); 'later' if still under way; null if it will not come. */
  receive(ticket: number, wait: boolean): Buffer | 'later' | null;
  /** Its result is no longer wanted. */
  forget(ticket: number): void;
}

/** A full block not yet in the index: written once compressed, when its savepoint allows (see RawBlockWriter). */
interface SealedBlock {
  id: number;
  data: Buffer;
  ticket: number | null;
  compressed: Buffer | null;
}

/** Blocks sent and not yet back past which the writer compresses its own: the other thread is busy enough. */
const MAX_IN_FLIGHT = 4;

/**
 * Collects raw events into blocks of RAW_BLOCK_BYTES. A full block is compressed (on the read-ahead
 * thread when there is one, see `compressWith`) and written once compressed, but never inside a later
 * file's savepoint than the one it was sealed in: undoing that later file would take the block, and
 * the earlier files' events in it, with it. So a block sealed before the open savepoint waits for
 * `writeSealed` (between files) or `flush` (which writes everything and must run in the events'
 * transaction before it commits). A block written inside its own file's savepoint goes with that
 * file if it is undone; `restore` then drops the blocks sealed since its mark and reopens the block
 * open then, with the earlier files' events, to be sealed again under the same id.
 */
export class RawBlockWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private blockId: number;
  private sealed: SealedBlock[] = [];
  /** Blocks from this id on were sealed in the open savepoint (or there is none): they may be written now. */
  private writableFrom = 0;
  private compressor: BlockCompressor | null = null;
  private readonly insert;

  constructor(private readonly db: IndexDb) {
    this.blockId = this.nextFreeId();
    this.insert = db.prepare('INSERT INTO raw_blocks (id, data) VALUES (?, ?)');
  }

  /**
   * Where full blocks are compressed from now on (null: here). A compressor let go gives back what it
   * holds first, or those blocks are compressed here.
   */
  compressWith(compressor: BlockCompressor | null): void {
    if (compressor === this.compressor) return;
    for (const block of this.sealed) this.settle(block, true);
    this.compressor = compressor;
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

  /** A raw event of a block not yet in the index; null when it is written. */
  readOpen(block: number, offset: number, length: number): string | null {
    if (block === this.blockId) return Buffer.concat(this.parts, this.size).toString('utf8', offset, offset + length);
    const sealed = this.sealed.find((candidate) => candidate.id === block);
    return sealed ? sealed.data.toString('utf8', offset, offset + length) : null;
  }

  /** Writes the full blocks whose compression is done; call between files, outside a file's savepoint. */
  writeSealed(): void {
    this.writableFrom = 0;
    this.writeDone(false);
  }

  /** Writes every block, the open one included; must run in the events' transaction. */
  flush(): void {
    if (this.size > 0) this.seal();
    this.writableFrom = 0;
    this.writeDone(true);
  }

  /** Writes the blocks that may be written now and are compressed (with `wait`: all of them, compressed here if need be). */
  private writeDone(wait: boolean): void {
    for (let i = 0; i < this.sealed.length;) {
      const block = this.sealed[i]!;
      // Removed only once written: a failed write leaves it to be written again.
      if (block.id >= this.writableFrom && this.settle(block, wait)) {
        this.insert.run(block.id, block.compressed);
        this.sealed.splice(i, 1);
      } else {
        i++;
      }
    }
  }

  /** Raw events not yet written. */
  holdsAny(): boolean {
    return this.size > 0 || this.sealed.length > 0;
  }

  /** Taken as a file's savepoint begins. */
  mark(): RawMark {
    this.writableFrom = this.blockId;
    return { blockId: this.blockId, parts: this.parts.slice(), size: this.size, waiting: this.sealed.length };
  }

  /** After ROLLBACK TO the savepoint taken with `mark`: the blocks are again what they were then. */
  restore(mark: RawMark): void {
    for (const block of this.sealed.splice(mark.waiting)) this.drop(block);
    this.blockId = mark.blockId;
    this.parts = mark.parts;
    this.size = mark.size;
  }

  /** After a rolled-back transaction, continue from what the database really holds. */
  reset(): void {
    for (const block of this.sealed) this.drop(block);
    this.sealed = [];
    this.blockId = this.nextFreeId();
    this.parts = [];
    this.size = 0;
  }

  private seal(): void {
    const data = Buffer.concat(this.parts, this.size);
    const inFlight = this.sealed.filter((block) => !this.settle(block, false)).length;
    const ticket = this.compressor && inFlight < MAX_IN_FLIGHT ? this.compressor.send(data) : null;
    this.sealed.push({ id: this.blockId, data, ticket, compressed: ticket === null ? compressRawBlock(data) : null });
    this.blockId++;
    this.parts = [];
    this.size = 0;
    // A file streamed in its savepoint would otherwise hold all its blocks until it ends.
    this.writeDone(false);
  }

  /** True once the block is compressed; with `wait`, always (compressed here if it does not come back). */
  private settle(block: SealedBlock, wait: boolean): boolean {
    if (block.compressed) return true;
    const back = block.ticket === null ? null : this.compressor?.receive(block.ticket, wait) ?? null;
    if (back === 'later') return false;
    block.compressed = back ?? compressRawBlock(block.data);
    block.ticket = null;
    return true;
  }

  private drop(block: SealedBlock): void {
    if (block.ticket !== null) this.compressor?.forget(block.ticket);
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
