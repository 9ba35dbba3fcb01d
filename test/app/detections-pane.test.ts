import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetections } from '../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../src/core/detect/config.js';
import { BASE_TIME, BOT, fixtureIndex, fixtureWorkbench, kmsEvent, PAYMENTS_KEY, type FixtureIndex } from './fixture-index.js';

let fixture: FixtureIndex;
const burst = Array.from({ length: 10 }, (_, index) => kmsEvent({ at: BASE_TIME + index * 15_000, principal: BOT, key: PAYMENTS_KEY, error: 'AccessDeniedException', ip: '203.0.113.66' }));

beforeAll(async () => {
  const ordinary = Array.from({ length: 30 }, (_, index) => kmsEvent({ at: BASE_TIME - 3_600_000 + index * 60_000 }));
  fixture = await fixtureIndex([...ordinary, ...burst, kmsEvent({ at: BASE_TIME + 600_000, name: 'CancelKeyDeletion' })]);
  runDetections(fixture.writer, defaultDetectionConfig());
});
afterAll(() => fixture.cleanup());

describe('the detections pane (app)', () => {
  it('d lists the hits most severe first; Enter filters the events to the hit\'s own; Esc walks back', () => {
    const workbench = fixtureWorkbench(fixture);
    workbench.press('d');
    const { detections, ui } = workbench.store.getState();
    expect(ui.pane).toBe('detections');
    const ranks = detections.hits.map((hit) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(hit.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(detections.hits[0]!.rule).toBe('decrypt-failure-burst');
    expect(detections.hits.map((hit) => hit.rule)).toContain('key-deletion');
    workbench.press('return');
    const state = workbench.store.getState();
    expect(state.ui.pane).toBe('events');
    expect(state.filter.effective).toBe(`hit:${detections.hits[0]!.id}`);
    expect(state.filter.crumbs.map((crumb) => crumb.label)).toEqual(['all events', 'hit decrypt-failure-burst (high)']);
    expect(state.events.rows.map((row) => row.eventID).sort()).toEqual(burst.map((event) => event.eventID).sort());
    workbench.press('escape');
    expect(workbench.store.getState().filter.effective).toBe('');
  });

  it('opens the panes by the numbers the tab bar shows: 5 detections, 6 findings, 7 the selected event\'s chain', () => {
    const workbench = fixtureWorkbench(fixture);
    workbench.press('5');
    expect(workbench.store.getState().ui.pane).toBe('detections');
    workbench.press('6');
    expect(workbench.store.getState().ui.pane).toBe('findings');
    workbench.press('1');
    workbench.press('7');
    expect(workbench.store.getState().ui.pane).toBe('chain');
  });

  it('keeps the selection on the same hit when the hits are reloaded', () => {
    const workbench = fixtureWorkbench(fixture);
    workbench.press('d');
    workbench.press('j');
    const chosen = workbench.store.getState().detections.hits[1]!.id;
    workbench.press('tab');
    workbench.press('d');
    const { hits, selected } = workbench.store.getState().detections;
    expect(hits[selected]!.id).toBe(chosen);
  });
});
