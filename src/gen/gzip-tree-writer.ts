import { gzip } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { GZIP_LEVEL } from './s3-layout.js';

const gzipAsync = promisify(gzip);

/**
 * Gzips and writes files on libuv's thread pool while the caller keeps generating:
 * with two cores, generation and compression overlap. At most `concurrency` files
 * are held in memory at once.
 */
export class GzipTreeWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly createdDirectories = new Set<string>();
  files = 0;
  rawBytes = 0;
  gzippedBytes = 0;

  constructor(
    private readonly root: string,
    private readonly concurrency = 4,
  ) {}

  async write(relativePath: string, text: string): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const task = this.compressAndWrite(relativePath, text).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  async finish(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async compressAndWrite(relativePath: string, text: string): Promise<void> {
    const target = join(this.root, relativePath);
    const directory = dirname(target);
    if (!this.createdDirectories.has(directory)) {
      mkdirSync(directory, { recursive: true });
      this.createdDirectories.add(directory);
    }
    // One thread-pool job per file: with the default 16 KiB chunks every chunk would
    // wait for the busy main thread to schedule the next one, and nothing would overlap.
    const compressed = await gzipAsync(text, { level: GZIP_LEVEL, chunkSize: 4 * 1024 * 1024 });
    await writeFile(target, compressed);
    this.files++;
    this.rawBytes += Buffer.byteLength(text);
    this.gzippedBytes += compressed.length;
  }
}
