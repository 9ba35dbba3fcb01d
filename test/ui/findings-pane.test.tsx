import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFindingsData } from '../../src/app/data/findings-data.js';
import { eventSeries, fixtureIndex, HOSTILE, type FixtureIndex } from '../app/fixture-index.js';
import { findingsWorkbench } from '../app/findings-workbench.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

let fixture: FixtureIndex;
let noteDir: string;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(20));
  noteDir = mkdtempSync(join(tmpdir(), 'keytrail-notes-'));
});
afterAll(() => {
  fixture.cleanup();
  rmSync(noteDir, { recursive: true, force: true });
});

const workbench = () => findingsWorkbench(fixture, noteDir);

describe('the findings pane', () => {
  it('m asks for a note on the prompt line, f lists the finding, e writes the note and shows its path', async () => {
    const view = renderWorkbench(workbench());
    await view.press(['m'], (frame) => frame.includes('note: '));
    expect(view.frame()).toMatch(/event Decrypt 2026-11-21T03:03:10Z · Enter save · Esc cancel/);
    await view.press([...'bot decrypts from a new IP'], (frame) => frame.includes('note: bot decrypts from a new IP'));
    // A stray Esc over the typed note asks rather than throwing it away, on the screen where the responder looks.
    await view.press([KEYS.escape], (frame) => frame.includes('the note is not saved: Enter saves it, Esc again discards it'));
    expect(view.frame()).toContain('note: bot decrypts from a new IP');
    await view.press([KEYS.enter], (frame) => frame.includes('marked finding'));
    await view.press(['f'], (frame) => frame.includes('1 finding(s)'));
    expect(view.frame()).toMatch(/event\s+2026-11-21 03:03\s+bot decrypts from a new IP/);
    await view.press(['e'], (frame) => frame.includes('title of the incident note'));
    await view.press([KEYS.enter], (frame) => frame.includes('write "KMS key usage incident note" to') && frame.includes('path: '));
    await view.press([KEYS.enter], (frame) => frame.includes('incident note written: '));
    expect(view.frame()).toContain(noteDir.slice(0, 20));
    view.unmount();
  });

  it('shows its keys whole at 80 columns and beside the events at 200', async () => {
    createFindingsData(fixture.dbPath).mark({ kind: 'filter', reference: 'event:Decrypt' }, 'decrypts');
    for (const size of [{ columns: 80, rows: 24 }, { columns: 200, rows: 50 }]) {
      const view = renderWorkbench(findingsWorkbench(fixture, noteDir, size));
      await view.press(['f'], (frame) => frame.includes('finding(s)'));
      expect(view.frame(), `${size.columns} columns`).toContain('Enter: events · v: in full · i: edit · J/K: move · D: remove · e: write note');
      view.unmount();
    }
    for (const finding of createFindingsData(fixture.dbPath).list()) createFindingsData(fixture.dbPath).remove(finding.id);
  });

  it('shows a hostile note (marked from the CLI) as visible text, never as an escape sequence', async () => {
    createFindingsData(fixture.dbPath).mark({ kind: 'filter', reference: 'error:*' }, `note ${HOSTILE}`);
    const view = renderWorkbench(workbench());
    await view.press(['f'], (frame) => frame.includes('finding(s)'));
    expect(view.frame()).toContain('note \\x1b]0;PWNED');
    const written = view.frames.join('');
    expect(written).not.toContain('\u001b]0;');
    expect(written).not.toContain('\u001b[2J');
    view.unmount();
  });
});
