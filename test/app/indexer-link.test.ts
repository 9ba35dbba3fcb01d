import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import { applyIndexerEvent, smoothedEta } from '../../src/app/indexer-link.js';
import { Workbench } from '../../src/app/workbench.js';

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
