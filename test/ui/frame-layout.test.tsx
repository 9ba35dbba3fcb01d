import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themeFromEnv } from '../../src/ui/theme.js';
import { eventSeries, fixtureIndex, fixtureWorkbench, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(40));
});
afterAll(() => fixture.cleanup());

const lines = (frame: string) => frame.split('\n');

describe('the frame', () => {
  it('fits 80x24 exactly: one line short of the screen, no line wider than it', () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 80, rows: 24 }));
    expect(lines(view.frame())).toHaveLength(23);
    for (const line of lines(view.frame())) expect(line.length).toBeLessThanOrEqual(80);
    expect(view.frame()).toContain('TIME (UTC)');
    expect(view.frame()).toContain('40 events');
    view.unmount();
  });

  it('redraws for the new size on resize, with the facets beside the events on a wide screen', async () => {
    const workbench = fixtureWorkbench(fixture, { columns: 100, rows: 24 });
    const view = renderWorkbench(workbench);
    Object.defineProperty(view.stdout, 'columns', { get: () => 160 });
    workbench.resize(160, 40);
    await view.press([], (frame) => lines(frame).length === 39 && frame.includes('│h/l [keys]'));
    for (const line of lines(view.frame())) expect(line.length).toBeLessThanOrEqual(160);
    await view.press([KEYS.enter], (frame) => frame.includes('[3 Detail]') && frame.includes('│  ── Event'));
    expect(view.frame()).toContain('TIME (UTC)');
    view.unmount();
  });

  it('still shows the selection without colour (NO_COLOR) and without UTF-8', () => {
    const theme = themeFromEnv({ NO_COLOR: '1', LANG: 'C' });
    expect(theme.color).toBe(false);
    const view = renderWorkbench(fixtureWorkbench(fixture), theme);
    const selected = lines(view.frame()).filter((line) => line.startsWith('> '));
    expect(selected).toHaveLength(1);
    // Bars, rules and markers fall back to ASCII (the core's ellipsis stays `…`).
    expect(view.frame()).not.toMatch(/[█▁─│›]/u);
    view.unmount();
  });
});
