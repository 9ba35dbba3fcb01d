import { DeliveryTally } from '../core/index/coverage.js';
import { deliveryTime, deliveryTimeText } from '../core/index/delivery-order.js';
import { MAX_WINDOW_MS } from '../core/index/grouped-ingest.js';
import type { IndexerProgress } from './types.js';

/**
 * Rates are averaged over this window: steady enough to read, recent enough to mean "now".
 * Events count once committed, and a long backlog commits up to MAX_WINDOW_MS apart.
 */
const RATE_WINDOW_MS = 2 * MAX_WINDOW_MS;

/**
 * Counts what the indexer has seen and done, for progress messages. A file is
 * "seen" once found; it is "done" unless it is waiting to be read (again).
 */
export class ProgressMeter {
  /** Every file found, with the delivery time its name gives (parsed once). */
  private readonly seen = new Map<string, number | null>();
  private readonly waiting = new Set<string>();
  private readonly tally = new DeliveryTally();
  /**
   * Files read into a transaction not yet committed: still waiting, as readers cannot see them; a
   * coverage line must never say a file is in that a query would not find.
   */
  private readonly uncommitted = new Set<string>();
  /** Waiting files whose last read failed (retried later): what a finished scan still lacks. */
  private readonly failing = new Set<string>();
  private eventsAdded = 0;
  private rejected = 0;
  private currentFile: string | null = null;
  private scanFinished = false;
  private readonly samples: Array<{ at: number; events: number }> = [];
  /** Something a progress line shows changed since the last snapshot. */
  private dirty = true;

  waitingFor(file: string): void {
    this.uncommitted.delete(file);
    this.mark(file, true);
  }

  reading(file: string | null): void {
    this.dirty = true;
    this.currentFile = file;
  }

  /** The file is read; inside an open transaction it is done only once that commits (`transactionCommitted`). */
  finished(file: string, inOpenTransaction = false): void {
    this.failing.delete(file);
    if (inOpenTransaction) {
      this.uncommitted.add(file);
      return;
    }
    this.uncommitted.delete(file);
    this.mark(file, false);
  }

  transactionCommitted(): void {
    for (const file of this.uncommitted) this.mark(file, false);
    this.uncommitted.clear();
  }

  /** The file could not be read; it waits for a retry. */
  failed(file: string): void {
    this.uncommitted.delete(file);
    this.failing.add(file);
    this.mark(file, true);
  }

  /** Notes the file as waiting or done, keeping the delivery tally in step. */
  private mark(file: string, waiting: boolean): void {
    this.dirty = true;
    const known = this.seen.has(file);
    const wasWaiting = this.waiting.has(file);
    if (known && wasWaiting === waiting) return;
    if (!known) this.seen.set(file, deliveryTime(file));
    const deliveredAt = this.seen.get(file) ?? null;
    if (known) this.tally.remove(deliveredAt, !wasWaiting);
    this.tally.add(deliveredAt, !waiting);
    if (waiting) this.waiting.add(file);
    else this.waiting.delete(file);
  }

  forget(file: string): void {
    this.dirty = true;
    this.uncommitted.delete(file);
    if (this.seen.has(file)) this.tally.remove(this.seen.get(file) ?? null, !this.waiting.has(file));
    this.seen.delete(file);
    this.waiting.delete(file);
    this.failing.delete(file);
  }

  committed(added: number, rejected: number): void {
    this.dirty = true;
    this.eventsAdded += added;
    this.rejected += rejected;
  }

  scanDone(): void {
    this.dirty = true;
    this.scanFinished = true;
  }

  /** The files known under a folder (relative, `/`-separated): what went with it when it went. */
  filesUnder(folder: string): string[] {
    return [...this.seen.keys()].filter((file) => file.startsWith(`${folder}/`));
  }

  /** Whether the file was found before (and not deleted since). */
  knows(file: string): boolean {
    return this.seen.has(file);
  }

  get initialScanDone(): boolean {
    return this.scanFinished;
  }

  get changed(): boolean {
    return this.dirty;
  }

  snapshot(now: number, totalEvents: number): IndexerProgress {
    this.dirty = false;
    this.samples.push({ at: now, events: this.eventsAdded });
    const windowStart = now - RATE_WINDOW_MS;
    while (this.samples.length > 2 && (this.samples[1] as { at: number }).at <= windowStart) this.samples.shift();
    const oldest = this.samples[0] as { at: number; events: number };
    // After an idle spell the oldest sample is old: count its events as recent rather than dilute them.
    const seconds = (now - Math.max(oldest.at, windowStart)) / 1000;
    return {
      type: 'progress',
      filesSeen: this.seen.size,
      filesDone: this.seen.size - this.waiting.size,
      eventsAdded: this.eventsAdded,
      totalEvents,
      rejected: this.rejected,
      rate: seconds > 0 ? Math.round((this.eventsAdded - oldest.events) / seconds) : 0,
      currentFile: this.currentFile,
      initialScanDone: this.scanFinished,
      deliveredSince: this.deliveredSince(),
      filesFailing: this.failing.size,
    };
  }

  /** A file waiting (to be read, read again, or retried after a failure) is not done. */
  private deliveredSince(): string | null {
    const since = this.tally.deliveredSince();
    return since === null ? null : deliveryTimeText(since);
  }
}
