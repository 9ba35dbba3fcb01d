import { join } from 'node:path';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { statFile } from '../core/index/file-state.js';
import { encodePreparedFile, preparedKib, prepareFile } from '../core/index/prepared-file.js';
import { compressRawBlock } from '../core/index/raw-store.js';
import { WHOLE_READ_BYTES } from '../core/index/whole-file.js';
import { PREPARE_BUDGET_KIB, PREPARE_SLOTS, type BlockMessage, type PrepareReply, type PrepareRequest, type PrepareWorkerData } from './file-preparer.js';

/**
 * The thread that reads, scans, parses and normalizes files ahead of the writer, and compresses
 * the writer's full raw blocks (file-preparer.ts). Blocks come first: the writer needs them
 * back before it commits, files only when it reaches them.
 */
const { root, replies, blocks, shared } = workerData as PrepareWorkerData;
const slots = new Int32Array(shared);
Atomics.store(slots, PREPARE_SLOTS.started, 1);
process.on('exit', () => {
  Atomics.store(slots, PREPARE_SLOTS.exited, 1);
  Atomics.notify(slots, PREPARE_SLOTS.posts);
  Atomics.notify(slots, PREPARE_SLOTS.blocksDone);
});

function compressBlock({ ticket, data }: BlockMessage): void {
  const compressed = compressRawBlock(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  blocks.postMessage({ ticket, data: compressed } satisfies BlockMessage);
  Atomics.add(slots, PREPARE_SLOTS.blocksDone, 1);
  Atomics.notify(slots, PREPARE_SLOTS.blocksDone);
}

function compressWaitingBlocks(): void {
  for (let message = receiveMessageOnPort(blocks); message; message = receiveMessageOnPort(blocks)) compressBlock(message.message as BlockMessage);
}

blocks.on('message', compressBlock);

parentPort!.on('message', ({ id, file }: PrepareRequest) => {
  compressWaitingBlocks();
  // Past the budget, wait for the writer to take what it holds (compressing the blocks it sends meanwhile).
  for (let taken = Atomics.load(slots, PREPARE_SLOTS.kibTaken); Atomics.load(slots, PREPARE_SLOTS.kibPosted) - taken > PREPARE_BUDGET_KIB;
    taken = Atomics.load(slots, PREPARE_SLOTS.kibTaken)) {
    Atomics.wait(slots, PREPARE_SLOTS.kibTaken, taken, 1000);
    compressWaitingBlocks();
  }
  let reply: PrepareReply = { id, kib: 0, wire: null };
  try {
    // Stat before reading: a file that changes after this is seen to have changed by the writer's own stat.
    const stat = statFile(join(root, file));
    const prepared = stat.size <= WHOLE_READ_BYTES ? prepareFile(join(root, file), stat.size, stat.mtimeMs) : null;
    if (prepared) {
      const wire = encodePreparedFile(prepared);
      reply = { id, kib: preparedKib(wire), wire };
    }
  } catch {
    // The writer reads it itself and reports what went wrong, as for any file.
  }
  // The records' and ids' buffers are moved, not copied.
  replies.postMessage(reply, reply.wire ? [reply.wire.raw.buffer as ArrayBuffer, reply.wire.ids.buffer as ArrayBuffer] : []);
  Atomics.add(slots, PREPARE_SLOTS.kibPosted, reply.kib);
  Atomics.add(slots, PREPARE_SLOTS.posts, 1);
  Atomics.notify(slots, PREPARE_SLOTS.posts);
});
