import { parentPort, workerData } from 'node:worker_threads';
import { LiveIndexer } from './live-indexer.js';
import type { IndexerOptions } from './types.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** The indexer worker: runs the live indexer on its own thread and relays its events. */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('the indexer worker must run in a worker thread');
  const send = (message: FromWorker) => port.postMessage(message);
  const indexer = new LiveIndexer(workerData as IndexerOptions, (event) => send({ type: 'event', event }));
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'stop') return;
    void indexer.stop().then(() => {
      send({ type: 'stopped' });
      port.close();
    });
  });
  indexer.start().then(
    () => send({ type: 'started' }),
    (error: Error) => {
      send({ type: 'failed', message: error.message });
      port.close();
    },
  );
}

main();
