import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexerEvent } from '../../src/app/indexer-link.js';
import { patch } from '../../src/app/store.js';
import { eventSeries, fixtureIndex, fixtureWorkbench, PAYMENTS_KEY, PROD_KEY, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(70));
});
afterAll(() => fixture.cleanup());

describe('the facets pane', () => {
  it('counts keys by ARN under the current filter', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['2'], (frame) => frame.includes('[keys]') && frame.includes(PROD_KEY) && !frame.includes('counting'));
    expect(view.frame()).toMatch(/60 arn:aws:kms:us-east-1:111122223333:key\/083f9483/);
    expect(view.frame()).toMatch(/10 arn:aws:kms:us-east-1:111122223333:key\/300f7a06/);
    view.unmount();
  });

  it('switches facet with h/l and pivots on the selected value with Enter', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['2', 'l', 'l', 'l', 'l'], (frame) => frame.includes('[event names]') && frame.includes('GenerateDataKey') && !frame.includes('counting'));
    await view.press(['j', KEYS.enter], (frame) => frame.includes('[1 Events 24]'));
    expect(view.frame()).toContain('all events › +event:GenerateDataKey');
    await view.press(['2'], (frame) => frame.includes('[event names]') && !frame.includes('counting') && !frame.includes(' Decrypt'));
    view.unmount();
  });

  it('narrows the counts when the filter narrows', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['x', '2'], (frame) => frame.includes('[keys]') && !frame.includes('counting') && /12 arn:aws:kms:\S+083f9483/.test(frame));
    expect(view.frame()).toMatch(new RegExp(` 2 ${PAYMENTS_KEY}`));
    expect(view.frame()).toContain('[x errors only]');
    view.unmount();
  });

  it('while the first scan runs, says its counts are of what is indexed so far, and drops the word once it is done', async () => {
    const workbench = fixtureWorkbench(fixture, { columns: 80, rows: 24 });
    patch(workbench.store, 'status', { initialScanDone: false, filesSeen: 10, filesDone: 4 });
    const view = renderWorkbench(workbench);
    await view.press(['2'], (frame) => frame.includes('[keys]') && !frame.includes('counting'));
    expect(view.frame()).toMatch(/so far: h\/l \[keys\]/);
    await view.press(['/', 'principal:*nobody*', KEYS.enter], (frame) => frame.includes('no keys under this filter'));
    expect(view.frame()).toContain('no keys under this filter yet: the first scan is still running');
    applyIndexerEvent(workbench, { type: 'progress', filesSeen: 10, filesDone: 10, filesFailing: 0, eventsAdded: 0, totalEvents: 70, rate: 0, rejected: 0,
      initialScanDone: true, deliveredSince: null, currentFile: null });
    await view.press([], (frame) => frame.includes('no keys under this filter (h/l: other facets)'));
    expect(view.frame()).not.toContain('so far');
    view.unmount();
  });
});
