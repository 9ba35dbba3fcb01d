import type { IndexerEvent } from './types.js';

/** The listeners of one indexer: both modes deliver their events through it. */
export class EventHub {
  private readonly listeners = new Set<(event: IndexerEvent) => void>();

  subscribe(listener: (event: IndexerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: IndexerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener (a closed UI) must not stop the indexing.
      }
    }
  }
}
