import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSeries, fixtureIndex, fixtureWorkbench, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(50));
});
afterAll(() => fixture.cleanup());

describe('the filter bar', () => {
  it('opens with /, narrows the events on Enter and shows the filter in the breadcrumb', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['/'], (frame) => frame.includes('Enter apply'));
    await view.press(['event:GenerateDataKey'], (frame) => frame.includes('/ event:GenerateDataKey'));
    await view.press([KEYS.enter], (frame) => frame.includes('[1 Events 17]'));
    expect(view.frame()).toContain('all events › +event:GenerateDataKey');
    view.unmount();
  });

  it('marks an error under the term that has it, as you type', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['/', 'event:Decrypt colour:red'], (frame) => frame.includes('unknown field "colour"'));
    const lines = view.frame().split('\n');
    const marks = lines.find((line) => line.includes('unknown field'))!;
    expect(marks.indexOf('^')).toBe(lines.find((line) => line.startsWith('/ '))!.indexOf('colour'));
    view.unmount();
  });

  it('keeps the bar open on an error found by the index and applies nothing', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['/', 'since:yesterday', KEYS.enter], (frame) => frame.includes('is neither an age'));
    expect(view.frame()).toContain('/ since:yesterday');
    await view.press([KEYS.escape], (frame) => frame.includes('/ all events') && frame.includes('[1 Events 50]'));
    view.unmount();
  });

  it('shows an error found by the index in full at 80 columns, the caret under its term, after the cursor moves too', async () => {
    const size = { columns: 80, rows: 24 };
    const view = renderWorkbench(fixtureWorkbench(fixture, size));
    const message = 'since: "yesterday" is neither an age (2h, 30m, 7d) nor a UTC time';
    await view.press(['/', 'key:alias/payments since:2026-11-21T02:00Z until:2026-11-21T03:00 since:yesterday', KEYS.enter], (frame) => frame.includes(message));
    const lines = view.frame().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(size.columns);
    const edit = lines.find((line) => line.startsWith('/ '))!;
    const marks = lines.find((line) => line.includes('^'))!;
    expect(marks.indexOf('^')).toBe(edit.indexOf('since:yesterday'));
    expect(marks.trimEnd().length).toBe(edit.indexOf('since:yesterday') + 'since:yesterday'.length);
    // The message's lines come from the panes, which still show the selected (newest) event.
    expect(lines.length).toBe(size.rows - 1);
    expect(lines.some((line) => line.startsWith('› ') && line.includes('03:08:10'))).toBe(true);
    // Home scrolls the line back: the message stays, and the caret where the term is still in view.
    await view.press([KEYS.home], (frame) => frame.includes('/ key:alias/payments'));
    expect(view.frame()).toContain(message);
    expect(view.frame().split('\n')).toHaveLength(size.rows - 1);
    view.unmount();
  });

  it('wraps a message longer than the line, never cut', async () => {
    const size = { columns: 40, rows: 24 };
    const view = renderWorkbench(fixtureWorkbench(fixture, size));
    await view.press(['/', 'since:yesterday', KEYS.enter], (frame) => frame.includes('nor a UTC time'));
    const text = view.frame().split('\n').map((line) => line.trim()).join(' ');
    expect(text).toContain('since: "yesterday" is neither an age (2h, 30m, 7d) nor a UTC time');
    expect(view.frame().split('\n')).toHaveLength(size.rows - 1);
    view.unmount();
  });

  it('recalls earlier filters with the up arrow', async () => {
    const workbench = fixtureWorkbench(fixture);
    const view = renderWorkbench(workbench);
    await view.press(['/', 'error:*', KEYS.enter], (frame) => frame.includes('[1 Events 10]'));
    await view.press(['/', KEYS.backspace], (frame) => /^\/ error:$/m.test(frame));
    // ctrl+u clears the line.
    await view.press(['\u0015'], () => workbench.store.getState().filter.draft.text === '');
    await view.press([KEYS.up], (frame) => frame.includes('/ error:*'));
    expect(workbench.store.getState().filter.history).toEqual(['error:*']);
    view.unmount();
  });

  it('completes field names and known values with Tab', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['/', 'princ', KEYS.tab], (frame) => frame.includes('/ principal:'));
    await view.press(['deploy', KEYS.tab], (frame) => frame.includes('/ principal:arn:aws:iam::111122223333:user/deploy-bot'));
    await view.press([KEYS.enter], (frame) => frame.includes('[1 Events 25]'));
    view.unmount();
  });

  it('toggles errors only (x) and hiding AWS-internal calls (a)', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['x'], (frame) => frame.includes('[1 Events 10]') && frame.includes('[x errors only]'));
    await view.press(['a'], (frame) => frame.includes('[a no AWS-internal]'));
    await view.press(['x'], (frame) => frame.includes('[1 Events 50]'));
    view.unmount();
  });
});
