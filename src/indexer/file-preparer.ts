import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { decodePreparedFile, type PreparedFile, type PreparedWire } from '../core/index/prepared-file.js';
import { READ_AHEAD_FILES, type ReadAhead } from '../core/index/grouped-ingest.js';
import type { BlockCompressor } from '../core/index/raw-store.js';
import { workerScript } from './worker-script.js';

export interface PrepareRequest {
  id: number;
  file: string;
}

export interface PrepareReply {
  id: number;
  /** About the KiB it holds (preparedKib): what the thread may hold ahead is bounded by this (PREPARE_BUDGET_KIB). */
  kib: number;
  /** Null: the writer reads the file itself (too large, damaged, gone, unreadable). */
  wire: PreparedWire | null;
}

/** A full raw block to compress, and (from the thread) the block compressed. */
export interface BlockMessage {
  ticket: number;
  data: Uint8Array;
}

export interface PrepareWorkerData {
  root: string;
  replies: MessagePort;
  /** Raw blocks to compress come in on it, and go back compressed. */
  blocks: MessagePort;
  /** Int32 slots (PREPARE_SLOTS): replies posted so far, and KiB posted and taken (flow control). */
  shared: SharedArrayBuffer;
}

/** `kibTaken` is also notified when a block is sent: the thread waiting on its budget compresses it at once. */
export const PREPARE_SLOTS = { posts: 0, kibPosted: 1, kibTaken: 2, started: 3, exited: 4, blocksDone: 5 } as const;

/**
 * What the thread may hold prepared and not yet taken (KiB, preparedKib): past it, it waits, so a run of
 * large files does not fill memory, nor a run of files of no events (their rejects and reasons count too).
 * It must outlast the writer's commit, when nothing is taken: with 8 MiB the thread waited on it an eighth
 * of its time on the 30,000-file tree while the writer, back from the commit, waited for files as long;
 * 16 MiB took that build 5% faster and the 1M build 4%, for 6 to 12 MiB more at the peak (12 MiB: half the gain).
 */
export const PREPARE_BUDGET_KIB = 16 * 1024;
/** Files taken before the writer's list of next files is looked at again (FilePreparer.want). */
const REFILL_FILES = 64;
/** A thread that has not started (its script is missing, say) or not answered for this long is taken for dead: the writer reads the files itself. */
const START_LIMIT_MS = 10_000;
const GIVE_UP_MS = 30_000;

/**
 * Reads, scans, parses and normalizes the files the writer will ask for next on a second
 * thread, so that the writer's thread spends its time on the index (reading and parsing
 * were a third of a cold ingest's single thread: docs/PERFORMANCE.md).
 *
 * Replies are taken synchronously (`receiveMessageOnPort`, and `Atomics.wait` when the one
 * wanted is not there yet): the writer turns its event loop rarely, and waiting for a turn
 * to deliver each file's reply left both threads idle a fifth of the time on small files.
 *
 * A prepared file carries the stat it was read with; the writer uses it only if its own stat
 * still agrees, otherwise it reads the file itself. A failure here is never a failure of the
 * file: the writer then reads it as if nothing had been prepared.
 */
export class FilePreparer implements ReadAhead, BlockCompressor {
  private worker: Worker | null = null;
  private replies: MessagePort | null = null;
  private blocks: MessagePort | null = null;
  private readonly shared = new Int32Array(new SharedArrayBuffer(4 * Object.keys(PREPARE_SLOTS).length));
  private broken = false;
  private nextId = 0;
  /** Files asked for and not yet taken, in the order asked, with their request ids. */
  private readonly requested = new Map<string, number>();
  private readonly received = new Map<number, PrepareReply>();
  private readonly passedOver = new Set<number>();
  private nextTicket = 0;
  private readonly compressed = new Map<number, Buffer>();
  private readonly forgotten = new Set<number>();
  readonly compressor: BlockCompressor = this;

  constructor(private readonly root: string) {}

  /**
   * The files the writer will read next, in order: up to READ_AHEAD_FILES of them are prepared. While
   * more than READ_AHEAD_FILES - REFILL_FILES are asked for and not yet taken or passed over, the list
   * is not looked at: each look walks it from its start.
   */
  want(files: Iterable<string>): void {
    if (this.broken || !(this.worker ?? this.start())) return;
    if (this.requested.size > READ_AHEAD_FILES - REFILL_FILES) return;
    for (const file of files) {
      if (this.requested.size >= READ_AHEAD_FILES) return;
      if (!this.requested.has(file)) this.requested.set(file, this.request(file));
    }
  }

  /** The prepared file, or null when it was not asked for or could not be prepared (the writer reads it itself). */
  take(file: string): PreparedFile | null {
    const id = this.requested.get(file);
    if (id === undefined) return null;
    // Asked for before it and passed over (the queue changed course): their places are free again.
    for (const [asked, askedId] of this.requested) {
      this.requested.delete(asked);
      if (askedId !== id) this.release(askedId);
      if (asked === file) break;
    }
    const wire = this.reply(id);
    return wire === null ? null : decodePreparedFile(wire);
  }

  /** A reply passed over: its place in the thread's budget is free (now, or when it arrives). */
  private release(id: number): void {
    const reply = this.received.get(id);
    if (reply) this.taken(reply);
    else this.passedOver.add(id);
    this.received.delete(id);
  }

  private taken(reply: PrepareReply): void {
    Atomics.add(this.shared, PREPARE_SLOTS.kibTaken, reply.kib);
    Atomics.notify(this.shared, PREPARE_SLOTS.kibTaken);
  }

  /** KiB of records the thread has prepared and the writer not yet taken. */
  get heldKib(): number {
    return Atomics.load(this.shared, PREPARE_SLOTS.kibPosted) - Atomics.load(this.shared, PREPARE_SLOTS.kibTaken);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.replies?.close();
    this.replies = null;
    this.blocks?.close();
    this.blocks = null;
    this.compressed.clear();
    this.forgotten.clear();
    this.requested.clear();
    this.received.clear();
    this.passedOver.clear();
    if (worker) await worker.terminate();
  }

  private reply(id: number): PrepareReply['wire'] {
    this.waitFor(PREPARE_SLOTS.posts, () => {
      const message = receiveMessageOnPort(this.replies!)?.message as PrepareReply | undefined;
      if (message && this.passedOver.delete(message.id)) this.taken(message);
      else if (message) this.received.set(message.id, message);
      return message !== undefined;
    }, () => this.received.has(id));
    const reply = this.received.get(id);
    if (!reply) return null;
    this.received.delete(id);
    this.taken(reply);
    return reply.wire;
  }

  send(data: Buffer): number | null {
    if (!this.blocks) return null;
    const ticket = this.nextTicket++;
    this.blocks.postMessage({ ticket, data } satisfies BlockMessage);
    Atomics.notify(this.shared, PREPARE_SLOTS.kibTaken);
    return ticket;
  }

  receive(ticket: number, wait: boolean): Buffer | 'later' | null {
    const back = () => this.compressed.has(ticket);
    if (wait) this.waitFor(PREPARE_SLOTS.blocksDone, () => this.receiveBlock(), back);
    else while (!back() && this.receiveBlock());
    const data = this.compressed.get(ticket);
    this.compressed.delete(ticket);
    return data ?? (this.worker ? 'later' : null);
  }

  forget(ticket: number): void {
    if (!this.compressed.delete(ticket) && this.worker) this.forgotten.add(ticket);
  }

  private receiveBlock(): boolean {
    const message = this.blocks ? receiveMessageOnPort(this.blocks)?.message as BlockMessage | undefined : undefined;
    if (message && !this.forgotten.delete(message.ticket)) this.compressed.set(message.ticket, Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
    return message !== undefined;
  }

  /**
   * Takes what the thread posts (`receiveOne` takes one message; false when there is none) until
   * `done`, sleeping on the `slot` it counts its posts in. A thread that stopped or never started
   * is let go: whoever waited does the work itself.
   */
  private waitFor(slot: number, receiveOne: () => boolean, done: () => boolean): void {
    let waitedSince = Date.now();
    let seen = Atomics.load(this.shared, slot);
    while (this.worker && !done()) {
      if (receiveOne()) {
        waitedSince = Date.now();
        continue;
      }
      // The thread's exit (a crash included) cannot be heard while this waits: it says so in shared memory.
      const exited = Atomics.load(this.shared, PREPARE_SLOTS.exited) === 1;
      const waited = Date.now() - waitedSince;
      if (exited || waited > GIVE_UP_MS || (waited > START_LIMIT_MS && Atomics.load(this.shared, PREPARE_SLOTS.started) === 0)) {
        this.broken = true;
        void this.close();
        return;
      }
      // Sleeps until the thread posts again (or 100 ms, to look again whether it still lives).
      Atomics.wait(this.shared, slot, seen, 100);
      seen = Atomics.load(this.shared, slot);
    }
  }

  private request(file: string): number {
    const id = this.nextId++;
    this.worker!.postMessage({ id, file } satisfies PrepareRequest);
    return id;
  }

  private start(): Worker | null {
    const script = workerScript(import.meta.url, './prepare-worker.js', './prepare-worker.ts');
    // A copy of dist/ without the thread's bundle: every file is read on the writer's thread, without waiting for one to start.
    if (!script.eval && !existsSync(script.url)) {
      this.broken = true;
      return null;
    }
    const channel = new MessageChannel();
    const blocks = new MessageChannel();
    const data: PrepareWorkerData = { root: this.root, replies: channel.port1, blocks: blocks.port1, shared: this.shared.buffer as SharedArrayBuffer };
    const worker = new Worker(script.eval ? script.code : script.url, { eval: script.eval, workerData: data, transferList: [channel.port1, blocks.port1] });
    // Never what keeps the process alive: the writer decides when work is over.
    worker.unref();
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
    this.worker = worker;
    this.replies = channel.port2;
    this.blocks = blocks.port2;
    return worker;
  }

  /** The thread is gone: the writer reads the files itself, and nothing more is asked of it. */
  private fail(): void {
    if (this.worker === null) return;
    this.broken = true;
    void this.close();
  }
}
