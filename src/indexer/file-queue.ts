import { newestDeliveryFirst } from '../core/index/delivery-order.js';

/** Why a file is due: a change the watcher saw, the tree walk, or a scheduled second look. */
export type DueReason = 'change' | 'scan' | 'recheck' | 'retry';

interface Scheduled {
  dueAt: number;
  firstChangeAt: number;
  reason: DueReason;
}

export interface QueueTiming {
  quietMs: number;
  maxDelayMs: number;
}

/**
 * The files waiting to be read. Changes seen live come first, once quiet for a moment
 * (a copy in progress is read once, not per write); the backlog of the tree walk is
 * read behind them, newest delivery first (the hour of an alert is answerable first), so
 * new arrivals stay searchable within a second even during a long first scan.
 */
export class FileQueue {
  private readonly scheduled = new Map<string, Scheduled>();
  private backlog: string[] = [];
  private backlogHead = 0;
  private readonly inBacklog = new Set<string>();

  constructor(private readonly timing: QueueTiming) {}

  /** The watcher saw the file change: read it when it is quiet, but not later than maxDelayMs. */
  changed(file: string, now: number): void {
    const previous = this.scheduled.get(file);
    const firstChangeAt = previous?.reason === 'change' ? previous.firstChangeAt : now;
    const dueAt = Math.min(firstChangeAt + this.timing.maxDelayMs, now + this.timing.quietMs);
    this.scheduled.set(file, { dueAt, firstChangeAt, reason: 'change' });
  }

  /** Looks at the file again at `dueAt`, unless a change is already scheduled sooner. */
  later(file: string, dueAt: number, reason: 'recheck' | 'retry'): void {
    const previous = this.scheduled.get(file);
    if (previous && previous.dueAt <= dueAt) return;
    this.scheduled.set(file, { dueAt, firstChangeAt: dueAt, reason });
  }

  /** Files found by walking the tree, read after any due change, newest delivery first among all waiting. */
  addBacklog(files: readonly string[]): void {
    const added = [...new Set(files)].filter((file) => !this.inBacklog.has(file));
    if (added.length === 0) return;
    // A later walk (files the watcher missed) may find newer deliveries than those still waiting.
    const waiting = new Set(this.backlog.slice(this.backlogHead).filter((file) => this.inBacklog.has(file)));
    for (const file of added) this.inBacklog.add(file);
    this.backlog = newestDeliveryFirst([...waiting, ...added]);
    this.backlogHead = 0;
  }

  forget(file: string): void {
    this.scheduled.delete(file);
    this.inBacklog.delete(file);
  }

  /** The next file to read now, or how long until one is due (null: nothing is waiting). */
  next(now: number): { file: string; reason: DueReason } | { waitMs: number | null } {
    let earliest: [string, Scheduled] | null = null;
    for (const entry of this.scheduled) {
      if (!earliest || entry[1].dueAt < earliest[1].dueAt) earliest = entry;
    }
    if (earliest && earliest[1].dueAt <= now) {
      this.scheduled.delete(earliest[0]);
      this.inBacklog.delete(earliest[0]);
      return { file: earliest[0], reason: earliest[1].reason };
    }
    const file = this.takeBacklog();
    if (file !== null) return { file, reason: 'scan' };
    return { waitMs: earliest ? earliest[1].dueAt - now : null };
  }

  /** The backlog files `next` would give after the current one, when no change comes first (read ahead of time). */
  *upcoming(count: number): Generator<string> {
    for (let at = this.backlogHead; at < this.backlog.length && count > 0; at++) {
      const file = this.backlog[at] as string;
      if (!this.inBacklog.has(file) || this.scheduled.has(file)) continue;
      count--;
      yield file;
    }
  }

  get backlogSize(): number {
    return this.inBacklog.size;
  }

  private takeBacklog(): string | null {
    while (this.backlogHead < this.backlog.length) {
      const file = this.backlog[this.backlogHead++] as string;
      if (this.backlogHead === this.backlog.length) this.dropReadBacklog();
      if (!this.inBacklog.delete(file)) continue;
      // A file also scheduled will be read then; reading it now would only read it twice.
      if (this.scheduled.has(file)) continue;
      return file;
    }
    return null;
  }

  private dropReadBacklog(): void {
    this.backlog = [];
    this.backlogHead = 0;
  }

  /** Files waiting in any form (for progress). */
  has(file: string): boolean {
    return this.scheduled.has(file) || this.inBacklog.has(file);
  }

  get size(): number {
    return this.scheduled.size + this.inBacklog.size;
  }
}
