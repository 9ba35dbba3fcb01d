import { EventHub } from './event-hub.js';
import { LiveIndexer } from './live-indexer.js';
import type { Indexer, IndexerEvent, IndexerOptions } from './types.js';

/** The indexer on the caller's thread: tests and `keytrail watch`, where no UI needs the thread. */
export class InProcessIndexer implements Indexer {
  private readonly hub = new EventHub();
  private readonly live: LiveIndexer;

  constructor(options: IndexerOptions) {
    this.live = new LiveIndexer(options, (event) => this.hub.emit(event));
  }

  start(): Promise<void> {
    return this.live.start();
  }

  stop(): Promise<void> {
    return this.live.stop();
  }

  onEvent(listener: (event: IndexerEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }
}
