/** Runs a function later, off the current keystroke: setImmediate in the app, the same in tests. */
export type Defer = (run: () => void) => void;

/** A job done in steps: each `next()` is one short step (a time slice of the index); keys get in between. */
export type Job = Iterator<unknown>;

const immediately: Defer = (run) => {
  setImmediate(run);
};

/**
 * Counts, facets and the histogram cost time proportional to the matches, so they
 * never run on a keystroke: each is queued under a name and run a step per
 * macrotask, taking turns, letting keys and frames in between. Queuing a name again
 * replaces the pending job, so only the latest filter's numbers are computed.
 */
export class Aggregates {
  private readonly pending = new Map<string, Job>();
  private scheduled = false;
  private stopped = false;
  private busyMs = 0;

  /** `onError` hears of a job that failed (a locked or damaged index); the job is dropped, the others go on. */
  constructor(private readonly defer: Defer = immediately, private readonly onError: (error: Error) => void = () => {}) {}

  queue(name: string, job: Job | (() => void)): void {
    if (this.stopped) return;
    this.drop(name);
    this.pending.set(name, typeof job === 'function' ? once(job) : job);
    this.wake();
  }

  /** Drops every pending job: the filter changed and their answers no longer matter. */
  clear(): void {
    for (const name of [...this.pending.keys()]) this.drop(name);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** Ends a job early, running its `finally` (a facet count drops its temp table there). */
  private drop(name: string): void {
    const job = this.pending.get(name);
    this.pending.delete(name);
    job?.return?.();
  }

  get idle(): boolean {
    return this.pending.size === 0;
  }

  /** Time spent in steps since the last call: how much a round of counting costs on this index. */
  takeBusyMs(): number {
    const busy = this.busyMs;
    this.busyMs = 0;
    return busy;
  }

  private wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => this.runOne());
  }

  /** One step of the first job; an unfinished job goes to the back so jobs take turns. */
  private runOne(): void {
    this.scheduled = false;
    const next = this.pending.entries().next();
    if (next.done || this.stopped) return;
    const [name, job] = next.value;
    this.pending.delete(name);
    const started = performance.now();
    let done = true;
    try {
      done = job.next().done === true;
    } catch (error) {
      this.onError(error as Error);
    }
    this.busyMs += performance.now() - started;
    if (!done && !this.pending.has(name)) this.pending.set(name, job);
    if (this.pending.size > 0) this.wake();
  }
}

function* once(run: () => void): Generator<void> {
  run();
}
