import { Worker } from 'node:worker_threads';
import { EventHub } from './event-hub.js';
import type { Indexer, IndexerEvent, IndexerOptions } from './types.js';
import type { FromWorker, ToWorker } from './worker-messages.js';
import { workerScript } from './worker-script.js';

/**
 * The indexer on a worker thread (the workbench: parsing and SQLite writes never block
 * a keystroke). The worker owns the index's only write connection; this side relays
 * its events to the listeners.
 */
export class WorkerIndexer implements Indexer {
  private readonly hub = new EventHub();
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: IndexerOptions) {}

  start(): Promise<void> {
    const script = workerScript(import.meta.url, './indexer-worker.js', './worker-entry.ts');
    const source = script.eval ? script.code : script.url;
    const worker = new Worker(source, { eval: script.eval, workerData: this.options });
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'event') this.hub.emit(message.event);
        else if (message.type === 'started') resolve();
        else if (message.type === 'failed') reject(new Error(message.message));
        // All is committed and closed: nothing left for the thread to do.
        else if (message.type === 'stopped') void worker.terminate();
      });
      worker.on('error', (error) => {
        this.hub.emit({ type: 'problem', file: '.', reason: `indexer worker crashed: ${error.message}` });
        reject(error);
      });
      worker.once('exit', (code) => reject(new Error(`indexer worker exited (code ${code}) before it started`)));
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
    await this.exited;
  }

  onEvent(listener: (event: IndexerEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }
}
