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
