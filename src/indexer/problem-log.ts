import type { IndexerProblem } from './types.js';

/**
 * Problems are reported once: a file that keeps failing the same way, or a symlink
 * loop found by every rescan, is not repeated until something about it changes.
 */
export class ProblemLog {
  private readonly lastReason = new Map<string, string>();

  constructor(private readonly emit: (problem: IndexerProblem) => void) {}

  report(file: string, reason: string): void {
    if (this.lastReason.get(file) === reason) return;
    this.lastReason.set(file, reason);
    this.emit({ type: 'problem', file, reason });
  }

  /** The file is fine again: a later problem with it is news. */
  resolved(file: string): void {
    this.lastReason.delete(file);
  }
}
