import { MAX_RETRY_MS } from './timing.js';

export interface FollowupTiming {
  recheckMs: number;
  settleMs: number;
  retryMs: number;
}

interface Incomplete {
  size: number;
  mtimeMs: number;
  unchangedSince: number;
  lines: boolean;
}

export interface FileShape {
  size: number;
  mtimeMs: number;
}

/**
 * What to do with a file that ended inside a record when it is looked at again: read it
 * (it changed), wait, or give up waiting: a JSON Lines file keeps its unfinished last
 * line for later, a document is read as it is, its broken end reported.
 */
export type RecheckVerdict = 'read' | 'wait' | 'stale-line' | 'stale-document';

/**
 * The second looks at files that could not be finished: a file that ends inside a
 * record (a copy in progress) is read again when it changes, and reported only once it
 * has stopped changing for `settleMs`; a file that could not be read is tried again
 * later and later.
 */
export class FileFollowup {
  private readonly incomplete = new Map<string, Incomplete>();
  private readonly retryDelays = new Map<string, number>();

  constructor(private readonly timing: FollowupTiming) {}

  /** The file was read up to a record cut short (`lines`: a JSON Lines file); returns when to look again. */
  leftIncomplete(file: string, shape: FileShape, lines: boolean, now: number): number {
    const previous = this.incomplete.get(file);
    const unchanged = previous && previous.size === shape.size && previous.mtimeMs === shape.mtimeMs;
    this.incomplete.set(file, { ...shape, lines, unchangedSince: unchanged ? previous.unchangedSince : now });
    return now + this.timing.recheckMs;
  }

  /** A scheduled look at an incomplete file: read it if it changed, report it once it settled. */
  recheck(file: string, shape: FileShape | null, now: number): RecheckVerdict {
    const known = this.incomplete.get(file);
    if (!known || !shape || known.size !== shape.size || known.mtimeMs !== shape.mtimeMs) return 'read';
    if (now - known.unchangedSince < this.timing.settleMs) return 'wait';
    this.incomplete.delete(file);
    return known.lines ? 'stale-line' : 'stale-document';
  }

  /** The file could not be read: returns when to try again (the wait doubles each time). */
  failed(file: string, now: number): number {
    const delay = this.retryDelays.get(file) ?? this.timing.retryMs;
    this.retryDelays.set(file, Math.min(delay * 2, MAX_RETRY_MS));
    return now + delay;
  }

  /** The file was read to its end, or is gone. */
  clear(file: string): void {
    this.incomplete.delete(file);
    this.retryDelays.delete(file);
  }
}
