import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexerEvent } from '../../src/app/indexer-link.js';
import { patch } from '../../src/app/store.js';
import { runDetections } from '../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../src/core/detect/config.js';
import { BASE_TIME, BOT, fixtureIndex, fixtureWorkbench, HOSTILE, kmsEvent, PAYMENTS_KEY, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  const ordinary = Array.from({ length: 30 }, (_, index) => kmsEvent({ at: BASE_TIME - 3_600_000 + index * 60_000 }));
  const burst = Array.from({ length: 10 }, (_, index) => kmsEvent({ at: BASE_TIME + index * 15_000, principal: BOT, key: PAYMENTS_KEY, error: 'AccessDeniedException' }));
  const hostile = kmsEvent({ at: BASE_TIME + 900_000, name: 'DisableKey', principal: `arn:aws:iam::111122223333:user/${HOSTILE}` });
  fixture = await fixtureIndex([...ordinary, ...burst, hostile]);
  runDetections(fixture.writer, defaultDetectionConfig());
});
afterAll(() => fixture.cleanup());

describe('the detections pane', () => {
  it('shows the hits by severity then time, with the selected hit\'s reason, and log text inert', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['d'], (frame) => frame.includes('[5 Detections]') && frame.includes('decrypt-failure-burst'));
    const rows = view.frame().split('\n').filter((line) => /\b(HIGH|MEDIUM|LOW|INFO)\b/.test(line));
    expect(rows[0]).toMatch(/HIGH +11-21 03:15 +key-deletion +Key disabled/);
    expect(rows[1]).toMatch(/HIGH +11-21 03:02 +decrypt-failure-burst +Burst of failed KMS calls +10/);
    expect(view.frame()).toContain('user/\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[3J disabled');
    expect(view.frame()).not.toMatch(/\u001b\]0;PWNED/);
    view.unmount();
  });

  it('Enter shows exactly the hit\'s events in the events pane, and Esc brings the earlier view back', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture));
    await view.press(['d', 'j'], (frame) => /› .*decrypt-failure-burst/.test(frame));
    await view.press([KEYS.enter], (frame) => frame.includes('[1 Events 10]'));
    expect(view.frame()).toContain('all events › =hit decrypt-failure-burst (high)');
    // Esc walks back to the hits, the same hit selected, the filter as it was.
    await view.press([KEYS.escape], (frame) => frame.includes('[5 Detections]') && /› .*decrypt-failure-burst/.test(frame) && frame.includes(' 1 Events 41 '));
    expect(view.frame()).toMatch(/\/ all events\s*$/m);
    view.unmount();
  });

  it('says the hits are not all there are while the indexer has events they have not checked', async () => {
    const workbench = fixtureWorkbench(fixture);
    patch(workbench.store, 'status', { initialScanDone: false });
    const view = renderWorkbench(workbench);
    await view.press(['d'], (frame) => frame.includes('decrypt-failure-burst'));
    expect(view.frame()).toContain('1/6 detection hits so far: the detections run once the first scan is done');
    const detections = { type: 'detections' as const, totalHits: 6, changedHits: 0, millis: 1 };
    patch(workbench.store, 'status', { initialScanDone: true });
    applyIndexerEvent(workbench, { ...detections, pending: true });
    await view.press([], (frame) => frame.includes('so far: the detections are still checking newer events'));
    applyIndexerEvent(workbench, { ...detections, pending: false });
    await view.press([], (frame) => frame.includes('1/6 detection hits, most severe first'));
    // A new delivery after that: its events are not checked until the next pass says so.
    applyIndexerEvent(workbench, { type: 'batch', at: new Date().toISOString(), file: 'late.json', added: 1, duplicates: 0, rejected: 0, totalEvents: 42 });
    await view.press([], (frame) => frame.includes('so far: the detections are still checking newer events'));
    // A pass that failed (its problem goes to R) is not "still checking" for ever.
    applyIndexerEvent(workbench, { ...detections, pending: false, failed: true });
    await view.press([], (frame) => frame.includes('1/6 detection hits, most severe first'));
    view.unmount();
  });
});
