import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyIndexerEvent } from '../../src/app/indexer-link.js';
import type { StatusSlice } from '../../src/app/state.js';
import { statusText } from '../../src/ui/StatusLine.js';
import { displayWidth } from '../../src/core/text/fit.js';
import type { IndexerProgress } from '../../src/indexer/types.js';
import { BASE_TIME, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { renderWorkbench } from './render-workbench.js';

const SCANNING: StatusSlice = {
  dir: '/srv/incident/logs', dbPath: '/tmp/index.db', totalEvents: 1_234_567, rate: 150_000, etaSeconds: 20,
  filesSeen: 1000, filesDone: 620, deliveredSince: '2026-11-21T01:06:00Z', filesFailing: 0, initialScanDone: false, indexing: true,
  startedAt: 0, rejected: 0, rejectedList: [], problems: [], matches: null, matchesCapped: false, notice: null, arrivals: null, detections: 'unknown',
};

describe('the status line during a first scan', () => {
  it('at 80 columns keeps the share of files and the delivery time whole, right after the follow mode', () => {
    for (const follow of [true, false]) {
      // The line is drawn after one leading space.
      const line = statusText(SCANNING, follow, 79);
      expect(line).toMatch(/^(FOLLOW|paused \(G follows\)) · 62% of files, all delivered since 11-21 01:06Z/);
    }
    expect(statusText({ ...SCANNING, totalEvents: 870 }, true, 79)).toBe(
      'FOLLOW · 62% of files, all delivered since 11-21 01:06Z, ETA 20 s · 870 events · 150,000/s · rejected 0 · /srv/incident/logs',
    );
  });

  it('says it in full where there is room', () => {
    expect(statusText(SCANNING, true, 200)).toBe('FOLLOW · 62% of files indexed, all delivered since 2026-11-21 01:06Z, ETA 20 s · '
      + '1,234,567 events · 150,000/s · rejected 0 · /srv/incident/logs');
  });

  it('claims no delivery time before the newest is indexed, and never 100% one file short', () => {
    expect(statusText({ ...SCANNING, deliveredSince: null, filesDone: 999 }, true, 79)).toMatch(/^FOLLOW · 99% of files indexed, ETA 20 s · /);
  });

  it('says what the latest files brought after the scan, right after the events, at 80 columns too', () => {
    const done = { ...SCANNING, initialScanDone: true, filesDone: 1000, rate: 0, totalEvents: 7095 };
    expect(statusText({ ...done, arrivals: { files: 1, added: 0, duplicates: 12, rejected: 0 } }, true, 79))
      .toMatch(/^FOLLOW · 7,095 events · 1 file read: 0 new events \(12 duplicates\) · 0\/s/);
    expect(statusText({ ...done, arrivals: { files: 3, added: 1, duplicates: 0, rejected: 2 } }, true, 200))
      .toContain(' · 3 files read: 1 new event (2 rejected) · ');
  });

  it('says the scan is complete once it is, with no share of files left', () => {
    const line = statusText({ ...SCANNING, initialScanDone: true, filesDone: 1000, rate: 0 }, true, 79);
    expect(line).toBe('FOLLOW · 1,234,567 events · 0/s · scan complete · rejected 0 · /srv/incident/logs');
  });

  it('does not call a finished scan complete while files it found could not be read', () => {
    const line = statusText({ ...SCANNING, initialScanDone: true, filesDone: 998, filesFailing: 2, rate: 0, problems: [{ file: 'a', reason: 'r' }] }, true, 79);
    expect(line).toBe('FOLLOW · 1,234,567 events · 0/s · scan done, 2 file(s) not indexed · rejected 0 (R) · /srv/incident/logs');
  });

  it('says nothing is indexing when the indexer could not start (another writer), not "scanning" forever', () => {
    const notice = 'The indexer could not start: another keytrail (pid 42) is writing /tmp/index.db';
    const stuck = { ...SCANNING, filesSeen: 0, filesDone: 0, deliveredSince: null, indexing: false, notice };
    expect(statusText(stuck, true, 200)).toBe(`FOLLOW · not indexing: ${notice} · 1,234,567 events · 150,000/s · rejected 0 · /srv/incident/logs`);
    expect(statusText(stuck, true, 79)).toMatch(/^FOLLOW · not indexing · 1,234,567 events/);
  });

  it('claims no scan for an index opened without its folder', () => {
    expect(statusText({ ...SCANNING, dir: null, initialScanDone: true }, true, 79)).not.toContain('scan');
  });
});

describe('the workbench\'s status line at 80x24', () => {
  let fixture: FixtureIndex;
  beforeAll(async () => {
    fixture = await fixtureIndex([kmsEvent({ at: BASE_TIME })]);
  });
  afterAll(() => fixture.cleanup());

  it('shows what the scan has covered as progress arrives, then that it is complete', async () => {
    const workbench = fixtureWorkbench(fixture, { columns: 80, rows: 24 });
    const view = renderWorkbench(workbench);
    const progress: IndexerProgress = {
      type: 'progress', filesSeen: 1000, filesDone: 620, eventsAdded: 6200, totalEvents: 6200, rejected: 0, rate: 4000,
      currentFile: null, initialScanDone: false, deliveredSince: '2026-11-21T01:06:00Z', filesFailing: 0,
    };
    applyIndexerEvent(workbench, progress);
    const lastLine = () => view.frame().split('\n').at(-1) ?? '';
    // The events count is the index's as read (1 here), not the indexer's: the longer wording fits beside it.
    await vi.waitFor(() => expect(lastLine()).toMatch(/FOLLOW · 62% of files indexed, all delivered since 2026-11-21 01:06Z · 1 event(?!s)/));
    expect(view.frame().split('\n').every((line) => displayWidth(line) <= 80)).toBe(true);
    applyIndexerEvent(workbench, { ...progress, filesDone: 1000, initialScanDone: true, deliveredSince: '2026-11-20T00:05:00Z' });
    await vi.waitFor(() => expect(lastLine()).toContain('scan complete'));
    expect(lastLine()).not.toContain('%');
    view.unmount();
  });
});
