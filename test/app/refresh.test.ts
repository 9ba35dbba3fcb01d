import { describe, expect, it, vi } from 'vitest';
import type { WorkbenchData } from '../../src/app/data/workbench-data.js';
import { COUNT_CAP } from '../../src/app/refresh.js';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import { Workbench } from '../../src/app/workbench.js';
import type { CompiledFilter } from '../../src/core/query/filter-compile.js';

/** An index of a million events, answered without SQLite: every time slice holds 100,000 matches. */
function millionEvents(): WorkbenchData {
  const compile = (text: string): CompiledFilter => ({
    text, entities: text ? [{ valueIds: [1], negate: false, estimate: 500_000 }] : [], columns: [], ids: [],
    since: null, until: null, matchesNothing: false, errors: [],
  });
  return {
    compile,
    page: () => [],
    count: (filter, cap) => Math.min(cap || Infinity, filter.entities.length === 0 ? 1_000_000 : filter.since === null ? 0 : 100_000),
    facetCounter: () => () => [],
    probedFacet: () => {
      throw new Error('the counting tests open no facet of instances or contexts');
    },
    detail: () => null,
    timeRange: () => ({ first: 0, last: 7 * 86_400_000 }),
    histogram: (_filter, spec) => new Array<number>(spec.count).fill(0),
    complete: () => [],
    rejected: () => [],
    rejectedCount: () => 0,
    totalEvents: () => 1_000_000,
    hitCount: () => 0,
    hitsPage: () => [],
    chain: () => null,
    // Counting never touches findings: any use would throw and fail the test.
    findings: new Proxy({}, { get: () => { throw new Error('findings are not part of counting'); } }) as WorkbenchData['findings'],
    close: () => {},
  };
}

function open(): Workbench {
  const workbench = new Workbench({ store: createWorkbenchStore({ dir: null, dbPath: 'fake.db' }), openData: millionEvents });
  workbench.connect();
  return workbench;
}

describe('counting matches', () => {
  it('says the exact total when nothing filters, however large', async () => {
    const workbench = open();
    await vi.waitFor(() => expect(workbench.store.getState().status.matches).toBe(1_000_000));
    expect(workbench.store.getState().status.matchesCapped).toBe(false);
    workbench.dispose();
  });

  it('stops counting a filter at the cap and says "+"', async () => {
    const workbench = open();
    workbench.press('/');
    for (const character of 'event:Decrypt') workbench.press(character, character);
    workbench.press('return');
    await vi.waitFor(() => expect(workbench.store.getState().status.matchesCapped).toBe(true));
    expect(workbench.store.getState().status.matches).toBe(COUNT_CAP);
    workbench.dispose();
  });
});
