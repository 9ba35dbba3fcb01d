import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patch } from '../../src/app/store.js';
import { barLine, markLine } from '../../src/ui/panes/HistogramPane.js';
import { BASE_TIME, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

const HOUR = 3_600_000;
let fixture: FixtureIndex;

beforeAll(async () => {
  // A quiet hour, a burst with errors at 02:00, then quiet again.
  const quiet = Array.from({ length: 12 }, (_, index) => kmsEvent({ at: BASE_TIME - 3 * HOUR + index * 15 * 60_000 }));
  const burst = Array.from({ length: 30 }, (_, index) => kmsEvent({ at: BASE_TIME - HOUR + index * 1000, error: index % 2 ? 'AccessDeniedException' : undefined }));
  fixture = await fixtureIndex([...quiet, ...burst, kmsEvent({ at: BASE_TIME + HOUR })]);
});
afterAll(() => fixture.cleanup());

describe('the time histogram', () => {
  it('draws one glyph per bucket relative to the busiest, blank for a gap, and marks errors', () => {
    const bars = [' ', '1', '2', '3', '4', '5', '6', '7', '8'];
    expect(barLine([0, 1, 8, 4], bars)).toBe(' 184');
    expect(markLine({ counts: [1, 1, 1], errors: [0, 2, 0], selected: 2 }, '-')).toBe('-!^');
  });

  it('shows the burst at a glance and narrows to a bucket with h/l and Enter', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press([], (frame) => frame.includes('5m/bucket, max 31'));
    await view.press(['4', 'l'], (frame) => frame.includes('^ 2026-11-21 02:00 +5m: 31 events, 15 errors'));
    await view.press([KEYS.enter], (frame) => frame.includes('[1 Events 31]'));
    expect(view.frame()).toContain('time:11-21 02:00+5m');
    await view.press([], (frame) => frame.includes('1s/bucket'));
    await view.press([KEYS.escape], (frame) => frame.includes('[4 Histogram]') && frame.includes(' 1 Events 43 '));
    view.unmount();
  });

  it('says an empty chart during the first scan is of what is indexed so far', async () => {
    const workbench = fixtureWorkbench(fixture);
    patch(workbench.store, 'status', { initialScanDone: false, filesSeen: 10, filesDone: 2 });
    const view = renderWorkbench(workbench);
    await view.press(['/', 'principal:*nobody*', KEYS.enter], (frame) => frame.includes('no timed events'));
    expect(view.frame()).toContain('no timed events indexed under this filter yet: the first scan goes on');
    patch(workbench.store, 'status', { initialScanDone: true });
    await view.press([], (frame) => frame.includes('no timed events to chart under this filter'));
    view.unmount();
  });
});
