import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import { createWorkbenchData } from '../../src/app/data/workbench-data.js';
import { applyIndexerEvent, smoothedEta } from '../../src/app/indexer-link.js';
import { Workbench } from '../../src/app/workbench.js';
import { openIndex } from '../../src/core/index/open.js';
import { BASE_TIME, eventSeries, fixtureIndex } from './fixture-index.js';

afterEach(() => {
  vi.useRealTimers();
});

const progress = (filesDone: number, filesSeen: number, rate: number, initialScanDone = false) => ({
  type: 'progress' as const, filesSeen, filesDone, eventsAdded: 0, totalEvents: filesDone * 10, rejected: 0, rate, currentFile: null, initialScanDone, deliveredSince: null, filesFailing: 0,
});

describe('the status line\'s progress', () => {
  it('smooths the ETA: one slow report does not make it jump, and it counts down between reports', () => {
    const status = { etaSeconds: 100, startedAt: 0 };
    // Files 10% done after 1 s says 9 s left; blended with the 100 s counted down by 1 s, not 9.
    const next = smoothedEta(status, 10, 100, 1000, 0)!;
    expect(next).toBeGreaterThan(50);
    expect(next).toBeLessThan(100);
    expect(smoothedEta({ etaSeconds: null, startedAt: 0 }, 50, 100, 10_000, 0)).toBeCloseTo(10);
    expect(smoothedEta(status, 100, 100, 5000, 0)).toBe(0);
  });

  it('drops the rate to 0 a few seconds after the last batch once the scan is done', () => {
    vi.useFakeTimers();
    const store = createWorkbenchStore({ dir: '/logs', dbPath: '/nonexistent/index.db' });
    const workbench = new Workbench({ store, openData: () => null });
    const batch = { type: 'batch' as const, at: '', file: 'a.json', added: 10, duplicates: 0, rejected: 0, totalEvents: 100 };
    applyIndexerEvent(workbench, progress(5, 10, 800));
    applyIndexerEvent(workbench, batch);
    applyIndexerEvent(workbench, progress(10, 10, 640, true));
    expect(store.getState().status.rate).toBe(640);
    vi.advanceTimersByTime(3500);
    expect(store.getState().status.rate).toBe(0);
    expect(store.getState().status.indexing).toBe(false);
    // Later reports still carrying the trailing rate of old batches do not bring it back.
    applyIndexerEvent(workbench, progress(10, 10, 420, true));
    expect(store.getState().status.rate).toBe(0);
    workbench.dispose();
  });
});

describe('arrivals after the first scan', () => {
  it('tells what the files read brought, a file of duplicates only too, summed over a burst', () => {
    vi.useFakeTimers();
    const store = createWorkbenchStore({ dir: '/logs', dbPath: '/nonexistent/index.db' });
    const workbench = new Workbench({ store, openData: () => null });
    const batch = (file: string, added: number, duplicates: number, rejected = 0) => ({ type: 'batch' as const, at: '', file, added, duplicates, rejected, totalEvents: 7095 });
    applyIndexerEvent(workbench, batch('scanned.json', 100, 5));
    expect(store.getState().status.arrivals).toBeNull();
    applyIndexerEvent(workbench, progress(10, 10, 0, true));
    vi.advanceTimersByTime(5000);
    applyIndexerEvent(workbench, batch('dup.json', 0, 12));
    expect(store.getState().status.arrivals).toEqual({ files: 1, added: 0, duplicates: 12, rejected: 0 });
    vi.advanceTimersByTime(1000);
    applyIndexerEvent(workbench, batch('big.json', 5000, 0));
    applyIndexerEvent(workbench, batch('big.json', 3, 1, 2));
    expect(store.getState().status.arrivals).toEqual({ files: 2, added: 5003, duplicates: 13, rejected: 2 });
    // After a quiet spell, the next file is told on its own.
    vi.advanceTimersByTime(5000);
    applyIndexerEvent(workbench, batch('next.json', 1, 0));
    expect(store.getState().status.arrivals).toEqual({ files: 1, added: 1, duplicates: 0, rejected: 0 });
    workbench.dispose();
  });
});

describe('the counts while the first scan runs', () => {
  it('counts what readers see: the status line and the tab agree after each batch, however throttled the rows and the counting', async () => {
    const fixture = await fixtureIndex(eventSeries(20));
    const store = createWorkbenchStore({ dir: fixture.logs, dbPath: fixture.dbPath });
    // Rows and counting rounds far apart, as when batches flood in on a large scan: the tab must not wait for them.
    const workbench = new Workbench({ store, openData: () => createWorkbenchData(openIndex(fixture.dbPath, { readonly: true })), refreshMs: 60_000, aggregatesMs: 60_000 });
    try {
      // The indexer's own count includes the transaction it has open: 999 are not to be found yet.
      applyIndexerEvent(workbench, { ...progress(1, 10, 800), totalEvents: 999 });
      expect(store.getState().status.totalEvents).toBe(20);
      await vi.waitFor(() => expect(store.getState().status.matches).toBe(20));
      for (const [file, total] of [['second.jsonl', 25], ['third.jsonl', 30]] as const) {
        await fixture.add(file, eventSeries(5, BASE_TIME + total * 100_000));
        applyIndexerEvent(workbench, { type: 'batch', at: '', file, added: 5, duplicates: 0, rejected: 0, totalEvents: total });
        const { status } = store.getState();
        expect([status.totalEvents, status.matches]).toEqual([total, total]);
      }
    } finally {
      workbench.dispose();
      fixture.cleanup();
    }
  });
});
