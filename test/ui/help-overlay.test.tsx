import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/app/keymap.js';
import { eventSeries, fixtureIndex, fixtureWorkbench, type FixtureIndex } from '../app/fixture-index.js';
import { helpLines } from '../../src/app/help-lines.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(10));
});
afterAll(() => fixture.cleanup());

describe('the help overlay', () => {
  it('is generated from the keymap: every binding of the pane and the filter bar, with what it does', () => {
    const text = helpLines(KEYMAP, 'events', 200).map((line) => line.text).join('\n');
    for (const binding of KEYMAP.filter((each) => ['normal', 'filter', undefined].includes(each.mode) && ['global', 'events'].includes(each.scope))) {
      expect(text).toContain(binding.description);
    }
    const future = { keys: ['Z'], command: 'future.feature', description: 'a feature to come', scope: 'global' as const, disabled: 'arrives with a later issue' };
    const withFuture = helpLines([...KEYMAP, future], 'events', 200).map((line) => line.text).join('\n');
    expect(withFuture).toContain('(off: arrives with a later issue');
  });

  it('names keys as the keyboard and the README do (Enter, Esc, PgDn, Ctrl+F), never by the keymap\'s internal names', async () => {
    const lines = helpLines(KEYMAP, 'events', 80).map((line) => line.text);
    const keyColumn = lines.map((line) => line.slice(0, 18));
    expect(keyColumn.join('\n')).not.toMatch(/\b(return|escape|pagedown|pageup|shift\+tab|backspace|ctrl\+)/);
    expect(lines.find((line) => line.includes('page down'))).toMatch(/^PgDn Ctrl\+F Space +page down/);
    expect(lines.find((line) => line.includes('open the selected row'))).toMatch(/^Enter +open/);
    expect(lines.find((line) => line.includes('back: undo'))).toMatch(/^Esc +back/);
    expect(lines.find((line) => line.includes('previous pane'))).toMatch(/^Shift\+Tab +previous pane/);
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['?'], (frame) => frame.includes('move down one row'));
    expect(view.frame()).toMatch(/ Enter +open the selected row/);
    view.unmount();
  });

  it('opens with ?, scrolls with j, and closes with Esc', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['?'], (frame) => frame.includes('Help: j/k PgDn PgUp scroll') && frame.includes('move down one row'));
    await view.press(['j', 'j', 'j'], (frame) => !frame.includes('move down one row'));
    await view.press([KEYS.escape], (frame) => frame.includes('TIME (UTC)'));
    view.unmount();
  });

  it('shows the focused pane\'s own keys first', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['2', '?'], (frame) => frame.includes('in the facets pane (its own first)'));
    const lines = view.frame().split('\n');
    const first = lines.findIndex((line) => line.includes('in the facets pane (its own first)'));
    expect(lines[first + 1]).toContain('next facet');
    view.unmount();
  });

});
