import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_TIME, eventSeries, fixtureIndex, fixtureWorkbench, HOSTILE, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex([
    ...eventSeries(30),
    kmsEvent({ at: BASE_TIME + 40 * 10_000, userAgent: `curl ${HOSTILE}`, context: { customerId: 'cust-98765', note: `x${HOSTILE}` } }),
  ]);
});
afterAll(() => fixture.cleanup());

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

describe('the detail pane', () => {
  it('shows the key fields, then the entities, then the whole JSON, scrollable', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 100, rows: 40 }));
    await view.press([KEYS.enter], (frame) => frame.includes('── Entities'));
    expect(view.frame()).toMatch(/principal\s+arn:aws:iam::111122223333:user\/alice/);
    await view.press(['G'], (frame) => frame.includes('"recipientAccountId": "111122223333"'));
    view.unmount();
  });

  it('renders a hostile user agent and context value as visible text, never as escapes', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 100, rows: 60 }));
    await view.press([KEYS.enter], (frame) => frame.includes('user agent'));
    expect(view.frame()).toContain('curl \\x1b]0;PWNED\\x07\\x1b[2J');
    expect(view.frame()).toContain('ctx          note=x\\x1b]0;PWNED');
    const written = view.frames.join('');
    expect(written).not.toContain('\u001b]0;');
    expect(written).not.toContain('\u001b[2J');
    view.unmount();
  });

  it('jumps between pivotable values with n and pivots the filter on one with Enter', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 100, rows: 40 }));
    await view.press([KEYS.enter], (frame) => frame.includes('── Entities'));
    const jumps = Array.from({ length: 40 }, () => 'n');
    for (const key of jumps) {
      const before = selectedLine(view.frame());
      if (before.includes('customerId=cust-98765')) break;
      await view.press([key], (frame) => selectedLine(frame) !== before);
    }
    expect(selectedLine(view.frame())).toContain('ctx          customerId=cust-98765');
    await view.press([KEYS.enter], (frame) => frame.includes('[1 Events 1]'));
    expect(view.frame()).toContain('all events › +ctx:customerId=cust-98765');
    // Esc walks back to the detail, the pivoted line still selected, and the filter as it was.
    await view.press([KEYS.escape], (frame) => frame.includes('[3 Detail]') && selectedLine(frame).includes('customerId=cust-98765') && frame.includes(' 1 Events 31 '));
    view.unmount();
  });

  it('says so when Enter is on a line with nothing to pivot on', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 100, rows: 40 }));
    await view.press([KEYS.enter], (frame) => frame.includes('── Entities'));
    await view.press(['g', KEYS.enter], (frame) => frame.includes('nothing to pivot on here'));
    view.unmount();
  });
});
