import { describe, expect, it } from 'vitest';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import type { WorkbenchData } from '../../src/app/data/workbench-data.js';
import { Workbench } from '../../src/app/workbench.js';
import type { DetectionHit } from '../../src/core/detect/types.js';

const TOTAL = 33_877;

/** Index data that only has hits, many of them, and records every page asked for. */
function manyHits(pages: Array<{ offset: number; limit: number }>): WorkbenchData {
  const hit = (position: number): DetectionHit => ({
    id: `hit-${position}`, rule: 'new-source-ip', severity: 'high', title: 'Person calling from a new IP', reason: `hit number ${position}`,
    first: '2026-11-21T03:00:00Z', last: '2026-11-21T03:00:00Z', principal: null, key: null, ip: null, eventIDs: [], eventCount: 1,
  });
  const data: Partial<WorkbenchData> = {
    hitCount: () => TOTAL,
    hitsPage: (offset, limit) => {
      pages.push({ offset, limit });
      return Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, index) => hit(offset + index));
    },
    compile: () => ({ errors: [] }) as never,
    page: () => [],
    totalEvents: () => 0,
    rejectedCount: () => 0,
    close: () => {},
  };
  return data as WorkbenchData;
}

describe('the detections pane with tens of thousands of hits', () => {
  it('reads one screenful at a time, wherever the cursor goes, never all of them', () => {
    const pages: Array<{ offset: number; limit: number }> = [];
    const store = createWorkbenchStore({ dir: null, dbPath: 'unused.db', columns: 80, rows: 24 });
    const workbench = new Workbench({ store, openData: () => manyHits(pages), refreshMs: 0, aggregatesMs: 0 });
    workbench.connect();
    workbench.press('d');
    workbench.press('G');
    let state = workbench.store.getState().detections;
    expect(state.total).toBe(TOTAL);
    expect(state.selected).toBe(TOTAL - 1);
    expect(state.hits[state.selected - state.offset]?.reason).toBe(`hit number ${TOTAL - 1}`);
    for (let step = 0; step < 40; step++) workbench.press('k');
    workbench.press('pageup');
    state = workbench.store.getState().detections;
    expect(state.hits[state.selected - state.offset]?.id).toBe(`hit-${state.selected}`);
    expect(Math.max(...pages.map((page) => page.limit))).toBeLessThan(30);
    // Moving inside the page in view reads nothing.
    const before = pages.length;
    workbench.press('j');
    expect(pages.length).toBe(before);
    workbench.dispose();
  });
});
