import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { completionsAt } from '../../src/app/data/completion.js';
import { applyIndexerEvent } from '../../src/app/indexer-link.js';
import { FACET_LIMIT } from '../../src/app/refresh.js';
import { openIndex } from '../../src/core/index/open.js';
import { facetCounts } from '../../src/core/query/facets.js';
import { compileFilter } from '../../src/core/query/filter-compile.js';
import type { Workbench } from '../../src/app/workbench.js';
import { ALICE, BASE_TIME, BOT, eventSeries, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from './fixture-index.js';

let fixture: FixtureIndex;
let workbench: Workbench | null = null;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(200));
  return () => fixture.cleanup();
});

afterEach(() => {
  workbench?.dispose();
  workbench = null;
});

function open(): Workbench {
  workbench = fixtureWorkbench(fixture);
  return workbench;
}

const selectedRow = (bench: Workbench) => bench.store.getState().events.rows[bench.store.getState().events.selected];
const type = (bench: Workbench, text: string) => {
  for (const character of text) bench.press(character, character);
};

describe('the events list', () => {
  it('opens on the newest event, following, with a screenful buffered rather than everything', () => {
    const bench = open();
    const { events } = bench.store.getState();
    expect(events.follow).toBe(true);
    expect(selectedRow(bench)?.time).toBe(BASE_TIME + 199 * 10_000);
    expect(events.rows.length).toBeLessThan(40);
  });

  it('pages back by key through all 200 events and stops at the oldest', () => {
    const bench = open();
    for (let step = 0; step < 30; step++) bench.press('pageup');
    expect(selectedRow(bench)?.time).toBe(BASE_TIME);
    expect(bench.store.getState().events.atOldest).toBe(true);
    expect(bench.store.getState().events.rows.length).toBeLessThanOrEqual(120);
    bench.press('k');
    expect(selectedRow(bench)?.time).toBe(BASE_TIME);
  });

  it('leaves follow mode when scrolling up and comes back with G', () => {
    const bench = open();
    bench.press('k');
    expect(bench.store.getState().events.follow).toBe(false);
    bench.press('g');
    expect(selectedRow(bench)?.time).toBe(BASE_TIME);
    bench.press('G');
    expect(bench.store.getState().events.follow).toBe(true);
    expect(selectedRow(bench)?.time).toBe(BASE_TIME + 199 * 10_000);
  });
});

describe('filters and pivots', () => {
  it('narrows with the filter bar and keeps the text in history', () => {
    const bench = open();
    bench.press('/');
    type(bench, 'principal:deploy-bot error:*');
    bench.press('return');
    const state = bench.store.getState();
    expect(state.ui.mode).toBe('normal');
    expect(state.events.rows.every((row) => row.principal === BOT && row.errorCode !== null)).toBe(true);
    expect(state.filter.history[0]).toBe('principal:deploy-bot error:*');
    expect(state.filter.crumbs.map((crumb) => crumb.label)).toEqual(['all events', 'principal:deploy-bot error:*']);
  });

  it('keeps the bar open with the error where it is when the filter is wrong', () => {
    const bench = open();
    bench.press('/');
    type(bench, 'event:Decrypt ip:300.1.1.0/99');
    bench.press('return');
    const { ui, filter } = bench.store.getState();
    expect(ui.mode).toBe('filter');
    expect(filter.draft.errors[0]?.start).toBe('event:Decrypt '.length);
    expect(filter.crumbs).toHaveLength(1);
  });

  it('pivots from a facet, then walks the breadcrumb back with Esc', async () => {
    const bench = open();
    bench.press('2');
    bench.press('l');
    await vi.waitFor(() => expect(bench.store.getState().facets.progress.principal).toBe(1));
    const [top] = bench.store.getState().facets.values.principal!;
    bench.press('return');
    expect(bench.store.getState().ui.pane).toBe('events');
    expect(bench.store.getState().events.rows.every((row) => row.principal === top!.value)).toBe(true);
    bench.press('escape');
    expect(bench.store.getState().filter.crumbs).toHaveLength(1);
    expect(new Set(bench.store.getState().events.rows.map((row) => row.principal))).toEqual(new Set([ALICE, BOT]));
  });

  it('counts encryption contexts under a filter in steps, to the same values as one whole count', async () => {
    const bench = open();
    bench.press('/');
    type(bench, 'event:Decrypt');
    bench.press('return');
    bench.press('2');
    while (bench.store.getState().facets.kinds[bench.store.getState().facets.kindIndex] !== 'ctx') bench.press('l');
    await vi.waitFor(() => expect(bench.store.getState().facets.progress.ctx).toBe(1));
    const db = openIndex(fixture.dbPath, { readonly: true });
    try {
      const expected = facetCounts(db, compileFilter(db, 'event:Decrypt'), 'ctx', FACET_LIMIT);
      expect(expected.length).toBeGreaterThan(10);
      expect(bench.store.getState().facets.values.ctx).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('counts matches off the keystroke and caps nothing on a small index', async () => {
    const bench = open();
    bench.press('x');
    expect(bench.store.getState().filter.effective).toBe('error:*');
    await vi.waitFor(() => expect(bench.store.getState().status.matches).toBe(40));
    bench.press('x');
    await vi.waitFor(() => expect(bench.store.getState().status.matches).toBe(200));
  });

  it('completes field names and known values', () => {
    const bench = open();
    expect(completionsAt(bench.ctx.data, 'prin', 4).candidates).toEqual(['principal:']);
    const values = completionsAt(bench.ctx.data, 'event:Decrypt,Gen', 17).candidates;
    expect(values).toEqual(['event:Decrypt,GenerateDataKey']);
    expect(completionsAt(bench.ctx.data, 'principal:deploy', 16).candidates).toEqual([`principal:${BOT}`]);
    expect(completionsAt(bench.ctx.data, '-kind:net', 9).candidates).toEqual(['-kind:network-activity']);
  });
});

describe('live data', () => {
  it('shows arrivals at the bottom while following, and keeps the view still when paused', async () => {
    const bench = open();
    const later = BASE_TIME + 500 * 10_000;
    await fixture.add('second.jsonl', [kmsEvent({ at: later, name: 'ScheduleKeyDeletion' })]);
    applyIndexerEvent(bench, { type: 'batch', at: '', file: 'second.jsonl', added: 1, duplicates: 0, rejected: 0, totalEvents: 201 });
    expect(selectedRow(bench)?.eventName).toBe('ScheduleKeyDeletion');
    bench.press('k');
    const pinned = selectedRow(bench)?.seq;
    await fixture.add('third.jsonl', [kmsEvent({ at: later + 10_000, name: 'DisableKey' })]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    applyIndexerEvent(bench, { type: 'batch', at: '', file: 'third.jsonl', added: 1, duplicates: 0, rejected: 0, totalEvents: 202 });
    await vi.waitFor(() => expect(bench.store.getState().status.totalEvents).toBe(202));
    expect(selectedRow(bench)?.seq).toBe(pinned);
    bench.press('G');
    expect(selectedRow(bench)?.eventName).toBe('DisableKey');
  });

  it('says why a filter matches nothing, and drops the reason once an arrival matches it', async () => {
    const bench = open();
    bench.press('/');
    type(bench, 'principal:*carol*');
    bench.press('return');
    expect(bench.store.getState().filter.note).toMatch(/^principal:\*carol\* matches no principal in this index/);
    await fixture.add('carol.jsonl', [kmsEvent({ at: BASE_TIME + 600 * 10_000, principal: 'arn:aws:iam::111122223333:user/carol' })]);
    applyIndexerEvent(bench, { type: 'batch', at: '', file: 'carol.jsonl', added: 1, duplicates: 0, rejected: 0, totalEvents: 203 });
    await vi.waitFor(() => expect(bench.store.getState().filter.note).toBeNull());
    expect(selectedRow(bench)?.principal).toBe('arn:aws:iam::111122223333:user/carol');
  });
});

describe('the help overlay', () => {
  it('pages with PgDn/space and PgUp as every list does, not only line by line', () => {
    const bench = open();
    bench.press('?');
    expect(bench.store.getState().ui.mode).toBe('help');
    bench.press('pagedown');
    const paged = bench.store.getState().ui.overlayTop;
    expect(paged).toBeGreaterThan(5);
    bench.press('space');
    expect(bench.store.getState().ui.overlayTop).toBe(2 * paged);
    bench.press('pageup');
    expect(bench.store.getState().ui.overlayTop).toBe(paged);
    expect(bench.store.getState().ui.mode).toBe('help');
  });
});
