/** Runs a function later, off the current keystroke: setImmediate in the app, the same in tests. */
export type Defer = (run: () => void) => void;

const immediately: Defer = (run) => {
  setImmediate(run);
};

/**
 * Counts, facets and the histogram cost time proportional to the matches, so they
 * never run on a keystroke: each is queued under a name and run one per macrotask,
 * letting keys and frames in between. Queuing a name again replaces the pending
 * job, so only the latest filter's numbers are ever computed.
 */
export class Aggregates {
  private readonly pending = new Map<string, () => void>();
  private scheduled = false;
  private stopped = false;

  constructor(private readonly defer: Defer = immediately) {}

  queue(name: string, job: () => void): void {
    if (this.stopped) return;
    this.pending.delete(name);
    this.pending.set(name, job);
    this.wake();
  }

  /** Drops every pending job: the filter changed and their answers no longer matter. */
  clear(): void {
    this.pending.clear();
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  get idle(): boolean {
    return this.pending.size === 0;
  }

  private wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => this.runOne());
  }

  private runOne(): void {
    this.scheduled = false;
    const next = this.pending.entries().next();
    if (next.done || this.stopped) return;
    const [name, job] = next.value;
    this.pending.delete(name);
    job();
    if (this.pending.size > 0) this.wake();
  }
}
