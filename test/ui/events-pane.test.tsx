import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_TIME, eventSeries, fixtureIndex, fixtureWorkbench, HOSTILE, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { patch } from '../../src/app/store.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex([
    ...eventSeries(60),
    kmsEvent({ at: BASE_TIME + 61 * 10_000, principal: `arn:aws:iam::111122223333:user/evil${HOSTILE}`, name: 'Decrypt' }),
    kmsEvent({ at: BASE_TIME + 62 * 10_000, name: 'ReEncryptWithAVeryLongEventNameThatCannotFitInItsColumn' }),
  ]);
});
afterAll(() => fixture.cleanup());

const lines = (frame: string) => frame.split('\n');
const selectedLine = (frame: string) => lines(frame).find((line) => line.startsWith('›')) ?? '';

describe('the events pane', () => {
  it('shows the newest event selected at the bottom, in a frame that fits the terminal', () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 100, rows: 24 }));
    const frame = view.frame();
    expect(selectedLine(frame)).toContain('ReEncryptWithAVery');
    expect(lines(frame)).toHaveLength(23);
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(100);
    expect(frame).toContain('FOLLOW');
    view.unmount();
  });

  it('cuts long values with an ellipsis instead of wrapping them into the next column', () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    const row = selectedLine(view.frame());
    expect(row).toMatch(/ReEncryptWithAVery\S*… /);
    expect(view.frame()).not.toContain('CannotFitInItsColumn');
    view.unmount();
  });

  it('makes control characters from the logs visible and inert', () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    expect(view.frame()).toContain('evil\\x1b]0;PWNED');
    expect(view.frames.join('')).not.toContain('\u001b]0;');
    view.unmount();
  });

  it('moves with j/k and arrows, pages with PgUp, and says follow is paused', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['k', 'k', KEYS.up], (frame) => selectedLine(frame).includes('03:09:40'));
    expect(view.frame()).toContain('paused (G follows)');
    await view.press([KEYS.pageUp], (frame) => !selectedLine(frame).includes('03:09:40'));
    await view.press(['j'], () => true);
    await view.press(['G'], (frame) => selectedLine(frame).includes('ReEncrypt') && frame.includes('FOLLOW'));
    view.unmount();
  });

  it('opens the selected event in the detail pane with Enter and comes back with Esc', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press([KEYS.enter], (frame) => frame.includes('[3 Detail]') && frame.includes('── Event'));
    await view.press([KEYS.escape], (frame) => frame.includes('[1 Events'));
    view.unmount();
  });

  it('says under "No events match" why the filter matches nothing, from the index, wrapped at 80 columns', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 80, rows: 24 }));
    await view.press(['/', 'principal:deploy', KEYS.enter], (frame) => frame.includes('No events match "principal:deploy"'));
    const lines = view.frame().split('\n');
    const first = lines.findIndex((line) => line.includes('No events match'));
    const under = lines.slice(first + 1).map((line) => line.trim()).join(' ');
    expect(under).toContain('principal:deploy matches no principal in this index; values match whole (case aside): for a part, principal:*deploy*');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    await view.press([KEYS.escape], (frame) => frame.includes('TIME (UTC)'));
    expect(view.frame()).not.toContain('matches no principal');
    view.unmount();
  });

  it('while the first scan runs, reads as partial: the tab\'s count and a miss are of what is indexed so far', async () => {
    const workbench = fixtureWorkbench(fixture, { columns: 80, rows: 24 });
    patch(workbench.store, 'status', { initialScanDone: false, filesSeen: 10, filesDone: 4 });
    const view = renderWorkbench(workbench);
    await view.press([], (frame) => frame.includes('[1 Events 62…]'));
    expect(view.frame()).toContain('40% of files indexed');
    await view.press(['/', 'principal:*nobody*', KEYS.enter], (frame) => frame.includes('No events match'));
    const text = view.frame().split('\n').map((line) => line.trim()).join(' ');
    expect(text).toContain('No events match "principal:*nobody*" in what is indexed so far (the first scan goes on).');
    expect(view.frame()).toContain('[1 Events 0…]');
    view.unmount();
  });
});
