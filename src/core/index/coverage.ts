import { deliveryTimeText } from './delivery-order.js';

/** One file found by a scan: the delivery time its name gives (or null), and whether it is indexed. */
export interface ScannedFile {
  deliveredAt: number | null;
  done: boolean;
}

/**
 * What the files show is complete. A delivery time bounds when a file was written, not when
 * its events happened (CloudTrail may deliver an event later), so the claim is about files:
 * every file delivered at or after `deliveredSince` is indexed.
 */
export interface Coverage {
  /** Every file found is indexed (or confirmed unchanged): nothing failed, nothing left for later. */
  complete: boolean;
  /** Every file whose name gives a delivery time at or after this is indexed (`2026-11-21T01:06:00Z`); null: not even the newest. */
  deliveredSince: string | null;
  filesDone: number;
  filesTotal: number;
  /** filesDone as a whole percentage, rounded down: 100 only when every file is done. */
  percentDone: number;
}

/**
 * The earliest delivery time T such that every file delivered at or after T is done, or null.
 * A file not done (pending or failed) holds T above its own time, however many older files are done.
 */
export function deliveredSinceTime(files: Iterable<ScannedFile>): number | null {
  let newestNotDone = -Infinity;
  for (const file of files) {
    if (!file.done && file.deliveredAt !== null && file.deliveredAt > newestNotDone) newestNotDone = file.deliveredAt;
  }
  let since: number | null = null;
  for (const file of files) {
    if (file.done && file.deliveredAt !== null && file.deliveredAt > newestNotDone && (since === null || file.deliveredAt < since)) since = file.deliveredAt;
  }
  return since;
}

/**
 * Files counted by delivery minute, done or not: the same answer as deliveredSinceTime over every
 * file, from a pass over the distinct minutes only (a live indexer asks several times a second).
 * Files without a delivery time are not counted.
 */
export class DeliveryTally {
  private readonly counts = { done: new Map<number, number>(), pending: new Map<number, number>() };

  add(deliveredAt: number | null, done: boolean): void {
    if (deliveredAt === null) return;
    const counts = done ? this.counts.done : this.counts.pending;
    counts.set(deliveredAt, (counts.get(deliveredAt) ?? 0) + 1);
  }

  remove(deliveredAt: number | null, done: boolean): void {
    if (deliveredAt === null) return;
    const counts = done ? this.counts.done : this.counts.pending;
    const left = (counts.get(deliveredAt) ?? 0) - 1;
    if (left > 0) counts.set(deliveredAt, left);
    else counts.delete(deliveredAt);
  }

  deliveredSince(): number | null {
    const minutes = (counts: Map<number, number>, done: boolean) => [...counts.keys()].map((deliveredAt) => ({ deliveredAt, done }));
    return deliveredSinceTime([...minutes(this.counts.pending, false), ...minutes(this.counts.done, true)]);
  }
}

/** Whole percent, rounded down, so a scan one file short never reads 100%. */
export function percentOf(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done * 100) / total);
}

export function coverageOf(files: readonly ScannedFile[]): Coverage {
  const filesDone = files.reduce((count, file) => count + (file.done ? 1 : 0), 0);
  const since = deliveredSinceTime(files);
  return {
    complete: filesDone === files.length,
    deliveredSince: since === null ? null : deliveryTimeText(since),
    filesDone,
    filesTotal: files.length,
    percentDone: percentOf(filesDone, files.length),
  };
}
