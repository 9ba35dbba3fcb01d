import { parentPort } from 'node:worker_threads';
import { Rng } from './rng.js';
import { buildBenchWorld, type BenchWorld } from './bench-world.js';
import { generateBenchChunk, type ChunkTask } from './bench-chunk.js';

/** Worker entry: generates the chunks it is sent, one at a time, and reports each result. */
const worlds = new Map<number, BenchWorld>();

parentPort!.on('message', (task: ChunkTask) => {
  try {
    let world = worlds.get(task.seed);
    if (!world) worlds.set(task.seed, (world = buildBenchWorld(new Rng(task.seed).fork('world'))));
    parentPort!.postMessage({ result: generateBenchChunk(task, world) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
