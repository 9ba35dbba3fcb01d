import { existsSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { openIndex, type IndexDb } from '../../src/core/index/open.js';
import { createIndexer } from '../../src/indexer/create-indexer.js';
import type { IndexerTiming } from '../../src/indexer/timing.js';
import type { Indexer, IndexerBatch, IndexerEvent, IndexerProblem, IndexerProgress } from '../../src/indexer/types.js';
import { kmsEvent, makeScratch, type Scratch } from '../helpers/temp-index.js';

/** Short waits so a test sees in milliseconds what a user sees in a second. */
export const FAST_TIMING: Partial<IndexerTiming> = {
  quietMs: 20, maxDelayMs: 200, recheckMs: 100, settleMs: 800, retryMs: 100, rescanMs: 0, progressMs: 20,
};

export interface Watching {
  indexer: Indexer;
  events: IndexerEvent[];
  batches(): IndexerBatch[];
  problems(): IndexerProblem[];
  lastProgress(): IndexerProgress | undefined;
  stop(): Promise<void>;
}

export interface WatchOptions {
  /** The folder to watch, when not the scratch's own `logs` (a symlink to it, say). */
  dir?: string;
  mode?: 'worker' | 'in-process';
  watch?: boolean;
  timing?: Partial<IndexerTiming>;
}

/** Starts an indexer on the scratch folder and records everything it reports. */
export async function startWatching(scratch: Scratch, options: WatchOptions = {}): Promise<Watching> {
  const indexer = createIndexer({
    dir: options.dir ?? scratch.logs, db: scratch.dbPath, watch: options.watch ?? true, mode: options.mode ?? 'in-process',
    timing: { ...FAST_TIMING, ...options.timing },
  });
  const events: IndexerEvent[] = [];
  indexer.onEvent((event) => events.push(event));
  await indexer.start();
  const ofType = <T extends IndexerEvent>(type: T['type']) => events.filter((event): event is T => event.type === type);
  return {
    indexer, events,
    batches: () => ofType<IndexerBatch>('batch'),
    problems: () => ofType<IndexerProblem>('problem'),
    lastProgress: () => ofType<IndexerProgress>('progress').at(-1),
    stop: () => indexer.stop(),
  };
}

export interface LiveTest {
  /** This test's scratch folder (new for each test). */
  readonly scratch: Scratch;
  /** Starts an indexer that is stopped after the test, before its folder is removed. */
  watch(options?: WatchOptions): Promise<Watching>;
}

/** Per test: a fresh scratch folder, and afterwards the indexer stopped and the folder removed. */
export function useLiveTest(): LiveTest {
  let scratch: Scratch | undefined;
  const started: Watching[] = [];
  beforeEach(() => {
    scratch = makeScratch();
  });
  afterEach(async () => {
    for (const watching of started.splice(0)) await watching.stop();
    scratch?.cleanup();
  });
  return {
    get scratch() {
      if (!scratch) throw new Error('useLiveTest: no test is running');
      return scratch;
    },
    async watch(options) {
      const watching = await startWatching(this.scratch, options);
      started.push(watching);
      return watching;
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Reads the index the way the UI does: a separate read-only connection. */
export function readIndex<T>(dbPath: string, read: (db: IndexDb) => T): T {
  const db = openIndex(dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Events in the index; 0 while another process is still creating it. */
export function eventCountIn(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  try {
    return readIndex(dbPath, (db) => db.prepare('SELECT count(*) FROM events').pluck().get() as number);
  } catch {
    return 0;
  }
}

export interface IndexTally {
  events: number;
  /** Records the index already had when a file delivered them again (0 when no file was read twice). */
  duplicates: number;
  rejected: number;
  /**
   * Entity values whose stored count differs from their rows (a file counted twice, or taken back wrong).
   * Request ids are left out: EventWriter counts one only when it creates its row, so an event re-added
   * after a replace (or a second event sharing the id) leaves it short (reported to the core's owner).
   */
  miscounted: number;
}

/** What the index holds, for "every event exactly once" checks. */
export function tallyIndex(dbPath: string): IndexTally {
  return readIndex(dbPath, (db) => db.prepare(`SELECT
    (SELECT count(*) FROM events) AS events,
    (SELECT coalesce(sum(duplicates), 0) FROM files) AS duplicates,
    (SELECT coalesce(sum(rejected), 0) FROM files) AS rejected,
    (SELECT count(*) FROM entity_values v WHERE v.kind != 'request'
      AND v.events != (SELECT count(*) FROM entities x WHERE x.value_id = v.id)) AS miscounted`)
    .get() as IndexTally);
}

/** The tally of an index holding `events` events, each read once, nothing rejected. */
export function onceEach(events: number): IndexTally {
  return { events, duplicates: 0, rejected: 0, miscounted: 0 };
}

/** `count` distinct KMS events named `<prefix>-<i>`, a second apart. */
export function numberedEvents(prefix: string, count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => kmsEvent({
    eventID: `${prefix}-${i}`, requestID: `req-${prefix}-${i}`, eventTime: new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString(),
  }));
}

export function jsonLines(events: readonly unknown[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
