import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDetectionConfig } from '../../src/core/detect/config.js';
import { listHits } from '../../src/core/detect/hits-read.js';
import { runDetections } from '../../src/core/detect/engine.js';
import { ingestTree } from '../../src/core/index/ingest-tree.js';
import { openIndex } from '../../src/core/index/open.js';
import { createIndexer } from '../../src/indexer/create-indexer.js';
import type { Indexer, IndexerDetections, IndexerEvent } from '../../src/indexer/types.js';
import { background, DAY, event, HOUR, repeat, T0, user } from '../core/detect/helpers.js';
import { makeScratch, type Scratch } from '../helpers/temp-index.js';

const TIMING = { quietMs: 20, maxDelayMs: 200, recheckMs: 100, settleMs: 800, retryMs: 100, rescanMs: 0, progressMs: 20 };
const lines = (events: Record<string, unknown>[]): string => events.map((item) => JSON.stringify(item)).join('\n');

let scratch: Scratch | null = null;
let indexer: Indexer | null = null;
afterEach(async () => {
  await indexer?.stop();
  scratch?.cleanup();
});

function rulesOf(dbPath: string): string[] {
  const db = openIndex(dbPath, { readonly: true });
  try {
    return listHits(db).map((hit) => hit.rule);
  } finally {
    db.close();
  }
}

describe('detections in the live indexer', () => {
  it('runs them after the first scan, then again as new events arrive', async () => {
    const at = T0 + 2 * DAY + 3 * HOUR;
    scratch = makeScratch('keytrail-detect-live-');
    scratch.write('base.jsonl', lines(background()));
    scratch.write('burst.jsonl', lines(repeat(10, at, 20_000, (time) => event({ name: 'Decrypt', time, identity: user('mallory'), error: 'AccessDeniedException' }))));
    const seen: IndexerEvent[] = [];
    indexer = createIndexer({ dir: scratch.logs, db: scratch.dbPath, watch: true, mode: 'in-process', timing: TIMING, detections: defaultDetectionConfig() });
    indexer.onEvent((item) => seen.push(item));
    await indexer.start();
    const passes = () => seen.filter((item): item is IndexerDetections => item.type === 'detections');
    await vi.waitFor(() => expect(passes().length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(rulesOf(scratch.dbPath)).toContain('decrypt-failure-burst');
    scratch.write('later.jsonl', lines([event({ name: 'ScheduleKeyDeletion', time: at + HOUR, identity: user('mallory'), request: { pendingWindowInDays: 7 } })]));
    await vi.waitFor(() => expect(rulesOf(scratch!.dbPath)).toContain('key-deletion'), { timeout: 15_000 });
    expect(passes().length).toBeGreaterThan(1);
  });

  it('cuts its first pass into steps, and ends with the hits of one whole pass', async () => {
    scratch = makeScratch('keytrail-detect-steps-');
    scratch.write('base.jsonl', lines(background()));
    scratch.write('burst.jsonl', lines(repeat(10, T0 + 2 * DAY, 20_000, (time) => event({ name: 'Decrypt', time, identity: user('mallory'), error: 'AccessDeniedException' }))));
    const whole = openIndex(`${scratch.dbPath}.whole`);
    await ingestTree(whole, scratch.logs, { final: true });
    runDetections(whole, defaultDetectionConfig());
    const expected = listHits(whole);
    whole.close();
    const seen: IndexerEvent[] = [];
    indexer = createIndexer({
      dir: scratch.logs, db: scratch.dbPath, watch: true, mode: 'in-process', timing: TIMING, detections: defaultDetectionConfig(), detectionStepEvents: 20,
    });
    indexer.onEvent((item) => seen.push(item));
    await indexer.start();
    // background() is 112 events and the burst 10: seven steps of 20.
    await vi.waitFor(() => expect(seen.filter((item) => item.type === 'detections').length).toBeGreaterThanOrEqual(7), { timeout: 15_000 });
    const db = openIndex(scratch.dbPath, { readonly: true });
    try {
      expect(listHits(db)).toEqual(expected);
    } finally {
      db.close();
    }
    // Each step but the last says more are coming: the workbench marks the hits as partial until then.
    const pending = seen.filter((item): item is IndexerDetections => item.type === 'detections').map((item) => item.pending);
    expect(pending.slice(0, 6)).toEqual([true, true, true, true, true, true]);
    expect(pending[6]).toBe(false);
  });

  it('says the hits are current after a scan that found nothing new', async () => {
    scratch = makeScratch('keytrail-detect-current-');
    scratch.write('base.jsonl', lines(background()));
    const options = { dir: scratch.logs, db: scratch.dbPath, watch: true, mode: 'in-process' as const, timing: TIMING, detections: defaultDetectionConfig() };
    indexer = createIndexer(options);
    const first: IndexerEvent[] = [];
    indexer.onEvent((item) => first.push(item));
    await indexer.start();
    await vi.waitFor(() => expect(first.some((item) => item.type === 'detections')).toBe(true), { timeout: 15_000 });
    await indexer.stop();
    // The same folder again: nothing to index, no rule runs, and still one word that the hits are all there are.
    indexer = createIndexer(options);
    const again: IndexerEvent[] = [];
    indexer.onEvent((item) => again.push(item));
    await indexer.start();
    await vi.waitFor(() => expect(again.filter((item) => item.type === 'detections')).toHaveLength(1), { timeout: 15_000 });
    expect(again.find((item) => item.type === 'detections')).toMatchObject({ changedHits: 0, pending: false });
  });
});
