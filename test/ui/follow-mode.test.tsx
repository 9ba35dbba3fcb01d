import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyIndexerEvent } from '../../src/app/indexer-link.js';
import type { Workbench } from '../../src/app/workbench.js';
import { BASE_TIME, eventSeries, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeEach(async () => {
  fixture = await fixtureIndex(eventSeries(40));
});
afterEach(() => fixture.cleanup());

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

/** What the indexer does for each committed file: index it, then say so. */
async function arrive(workbench: Workbench, file: string, name: string, offset: number, total: number) {
  await fixture.add(file, [kmsEvent({ at: BASE_TIME + offset * 10_000, name })]);
  applyIndexerEvent(workbench, { type: 'batch', at: new Date().toISOString(), file, added: 1, duplicates: 0, rejected: 0, totalEvents: total });
}

describe('follow mode', () => {
  it('sticks to the newest event as new ones are indexed, like tail -f', async () => {
    const workbench = fixtureWorkbench(fixture);
    const view = renderWorkbench(workbench);
    await arrive(workbench, 'live-1.jsonl', 'ScheduleKeyDeletion', 100, 41);
    await view.press([], (frame) => selectedLine(frame).includes('ScheduleKeyDeletion') && frame.includes('41 events'));
    await arrive(workbench, 'live-2.jsonl', 'DisableKey', 101, 42);
    await view.press([], (frame) => selectedLine(frame).includes('DisableKey'));
    view.unmount();
  });

  it('leaves follow when you scroll up, keeps your place while events arrive, and G goes back', async () => {
    const workbench = fixtureWorkbench(fixture);
    const view = renderWorkbench(workbench);
    await view.press(['k', 'k'], (frame) => frame.includes('paused (G follows)'));
    const pinned = selectedLine(view.frame());
    const lineOf = (frame: string) => frame.split('\n').indexOf(selectedLine(frame));
    const line = lineOf(view.frame());
    await arrive(workbench, 'live-3.jsonl', 'PutKeyPolicy', 100, 41);
    await view.press([], (frame) => frame.includes('41 events'));
    expect(selectedLine(view.frame())).toBe(pinned);
    // An older event arriving above the selection (files come in any time order): the selection stays on its line.
    await arrive(workbench, 'live-4.jsonl', 'LateArrival', 36.5, 42);
    await view.press([], (frame) => frame.includes('42 events') && frame.includes('LateArrival'));
    expect(selectedLine(view.frame())).toBe(pinned);
    expect(lineOf(view.frame())).toBe(line);
    await view.press(['G'], (frame) => selectedLine(frame).includes('PutKeyPolicy') && frame.includes('FOLLOW'));
    view.unmount();
  });

  it('toggles with F', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['F'], (frame) => frame.includes('paused (G follows)'));
    await view.press(['F'], (frame) => frame.includes('FOLLOW'));
    view.unmount();
  });
});
