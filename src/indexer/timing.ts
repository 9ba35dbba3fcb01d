/**
 * How long the indexer waits, in milliseconds. The defaults aim at "searchable within
 * a second" without re-reading a file on every write of a slow copy; tests shorten them.
 */
export interface IndexerTiming {
  /** A changed file is read once it has been quiet this long... */
  quietMs: number;
  /** ...or this long after its first change, even if it keeps changing (a busy JSON Lines file). */
  maxDelayMs: number;
  /** A file that ends inside a record is checked again this often while it may still grow. */
  recheckMs: number;
  /** A file unchanged this long and still ending inside a record is reported as broken. */
  settleMs: number;
  /** First wait before reading again a file that could not be read (doubles up to 60 s). */
  retryMs: number;
  /** Walks the whole tree this often, for changes the watcher missed (0: never). */
  rescanMs: number;
  /** While more files are due, a transaction collects them this long before it commits. */
  groupCommitMs: number;
  /** Progress messages at most this often. */
  progressMs: number;
}

export const DEFAULT_TIMING: IndexerTiming = {
  quietMs: 50,
  maxDelayMs: 500,
  recheckMs: 500,
  settleMs: 5_000,
  retryMs: 1_000,
  rescanMs: 60_000,
  groupCommitMs: 200,
  progressMs: 250,
};

export const MAX_RETRY_MS = 60_000;

export function resolveTiming(overrides: Partial<IndexerTiming> | undefined): IndexerTiming {
  return { ...DEFAULT_TIMING, ...overrides };
}
