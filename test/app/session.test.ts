import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventViewport } from '../../src/app/panes/events-window.js';
import { applySession, sessionOf } from '../../src/app/session.js';
import { eventSeries, fixtureIndex, fixtureWorkbench, type FixtureIndex } from './fixture-index.js';

let fixture: FixtureIndex;
beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(120));
});
afterAll(() => fixture.cleanup());

describe('the last session on an index', () => {
  it('comes back as it was left: breadcrumb, toggles, pane and the selected event', () => {
    const first = fixtureWorkbench(fixture);
    first.press('/');
    for (const character of 'event:Decrypt') first.press(character, character);
    first.press('return');
    first.press('x');
    for (let step = 0; step < 7; step++) first.press('k');
    const selected = first.store.getState().events.rows[first.store.getState().events.selected]!;
    first.press('2');
    const saved = JSON.parse(JSON.stringify(sessionOf(first.store.getState())));
    first.dispose();

    // Applied before the index is opened, as the workbench starts.
    const third = fixtureWorkbench(fixture);
    applySession(third.store, saved);
    third.ctx.data?.close();
    third.ctx.data = null;
    third.connect();
    const state = third.store.getState();
    expect(state.filter.crumbs.map((crumb) => crumb.label)).toEqual(['all events', 'event:Decrypt']);
    expect(state.filter.errorsOnly).toBe(true);
    expect(state.ui.pane).toBe('facets');
    expect(state.events.rows[state.events.selected]?.seq).toBe(selected.seq);
    expect(state.events.follow).toBe(false);
    third.dispose();
  });

  // The restored event near either end of the list: the screen fills from the other side.
  for (const [end, keys] of [['newest', ['k', 'k']], ['oldest', ['g', 'j', 'j']]] as const) {
    it(`reopens a full pane around an event near the ${end} one`, () => {
      const first = fixtureWorkbench(fixture);
      first.press('/');
      for (const character of 'event:Decrypt') first.press(character, character);
      first.press('return');
      for (const key of keys) first.press(key);
      const selected = first.store.getState().events.rows[first.store.getState().events.selected]!;
      const saved = JSON.parse(JSON.stringify(sessionOf(first.store.getState())));
      const viewport = eventViewport(first.ctx);
      first.dispose();

      const second = fixtureWorkbench(fixture);
      applySession(second.store, saved);
      second.ctx.data?.close();
      second.ctx.data = null;
      second.connect();
      const { events } = second.store.getState();
      expect(events.rows.slice(events.top, events.top + viewport)).toHaveLength(viewport);
      expect(events.rows[events.selected]?.seq).toBe(selected.seq);
      expect(end === 'newest' ? events.atNewest : events.atOldest).toBe(true);
      second.dispose();
    });
  }

  it('ignores a saved session it cannot read', () => {
    const workbench = fixtureWorkbench(fixture);
    applySession(workbench.store, { crumbs: 'nonsense' } as never);
    expect(workbench.store.getState().filter.crumbs).toHaveLength(1);
    workbench.dispose();
  });
});
