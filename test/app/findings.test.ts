import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findingCommand } from '../../src/cli/commands/finding-command.js';
import { runCommand } from '../../src/cli/run.js';
import { createFindingsData } from '../../src/app/data/findings-data.js';
import type { Workbench } from '../../src/app/workbench.js';
import { eventSeries, fixtureIndex, type FixtureIndex } from './fixture-index.js';
import { findingsWorkbench } from './findings-workbench.js';

let fixture: FixtureIndex;
let noteDir: string;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(30));
  noteDir = mkdtempSync(join(tmpdir(), 'keytrail-notes-'));
});
afterAll(() => {
  fixture.cleanup();
  rmSync(noteDir, { recursive: true, force: true });
});
afterEach(() => {
  // Each test starts with no findings: the table is the responder's, so clear it as they would.
  for (const finding of createFindingsData(fixture.dbPath).list()) createFindingsData(fixture.dbPath).remove(finding.id);
});

const workbench = () => findingsWorkbench(fixture, noteDir);

function type(bench: Workbench, text: string): void {
  for (const character of text) bench.press(character, character);
}

async function cliList(): Promise<Array<{ id: number; kind: string; reference: string; note: string }>> {
  let stdout = '';
  await runCommand(findingCommand, ['list', '--json', '--db', fixture.dbPath], { stdout: (text) => (stdout += text), stderr: () => {} });
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe('findings in the workbench', () => {
  it('m marks the selected event with a typed note, and the CLI lists the same finding', async () => {
    const bench = workbench();
    const selected = bench.store.getState().events.rows[bench.store.getState().events.selected]!;
    bench.press('m');
    expect(bench.store.getState().ui.mode).toBe('note');
    type(bench, 'key used from CI runnerX');
    bench.press('backspace');
    bench.press('return');
    expect(bench.store.getState().ui.message).toMatch(/^marked finding \d+/);
    expect(await cliList()).toMatchObject([{ kind: 'event', reference: selected.uid, note: 'key used from CI runner' }]);
  });

  it('Esc over typed text asks first, a second Esc discards it: nothing is marked, and q in the prompt is typed', async () => {
    const bench = workbench();
    bench.press('m');
    type(bench, 'half a thought q');
    bench.press('q', 'q');
    bench.press('escape');
    expect(bench.store.getState().ui.mode).toBe('note');
    expect(bench.store.getState().findings.prompt?.text).toBe('half a thought qq');
    expect(bench.store.getState().ui.message).toMatch(/not saved: Enter saves it, Esc again discards it/);
    expect(bench.store.getState().ui.quitting).toBe(false);
    bench.press('escape');
    expect(bench.store.getState().ui.mode).toBe('normal');
    expect(await cliList()).toEqual([]);
  });

  it('M marks the current filter as a whole, and asks for a narrower view when there is none', async () => {
    const bench = workbench();
    bench.press('M');
    expect(bench.store.getState().ui.message).toMatch(/filter is empty/);
    bench.press('/');
    type(bench, 'error:*');
    bench.press('return');
    bench.press('M');
    type(bench, 'all the failures');
    bench.press('return');
    expect(await cliList()).toMatchObject([{ kind: 'filter', reference: 'error:*', note: 'all the failures' }]);
  });

  it('lists findings in time order, reorders, edits and removes them, and Enter shows exactly their events', async () => {
    const data = createFindingsData(fixture.dbPath);
    const errors = data.mark({ kind: 'filter', reference: 'error:*' }, 'errors');
    // The bot's first event is older than the first error: its finding goes first, though marked second.
    const bot = data.mark({ kind: 'filter', reference: 'principal:*deploy-bot*' }, 'bot');
    const bench = workbench();
    bench.press('f');
    expect(bench.store.getState().ui.pane).toBe('findings');
    expect(bench.store.getState().findings.list.map((finding) => finding.id)).toEqual([bot.id, errors.id]);
    bench.press('J');
    expect(bench.store.getState().findings.list.map((finding) => finding.id)).toEqual([errors.id, bot.id]);
    bench.press('i');
    bench.press('ctrl+u');
    type(bench, 'renamed');
    bench.press('return');
    expect(data.list().find((finding) => finding.id === bot.id)?.note).toBe('renamed');
    bench.press('return');
    expect(bench.store.getState().ui.pane).toBe('events');
    expect(bench.store.getState().filter.effective).toBe('principal:*deploy-bot*');
    expect(bench.store.getState().events.rows.every((row) => row.principal?.endsWith('user/deploy-bot'))).toBe(true);
    bench.press('f');
    bench.press('D');
    expect(data.list()).toHaveLength(2);
    bench.press('D');
    expect(data.list().map((finding) => finding.id)).toEqual([errors.id]);
  });

  it('e asks a title and a path (a new name under the current folder offered), never writes over a file, and says where it wrote', () => {
    createFindingsData(fixture.dbPath).mark({ kind: 'filter', reference: 'error:*' }, 'the denied calls');
    const bench = workbench();
    bench.press('e');
    expect(bench.store.getState().findings.prompt?.purpose).toBe('exportTitle');
    bench.press('ctrl+u');
    type(bench, 'Payments key incident');
    bench.press('return');
    const offered = bench.store.getState().findings.prompt?.text ?? '';
    expect(offered.startsWith(noteDir)).toBe(true);
    writeFileSync(join(noteDir, 'taken.md'), 'mine');
    bench.press('ctrl+u');
    type(bench, 'taken.md');
    bench.press('return');
    expect(bench.store.getState().ui.message).toMatch(/taken\.md exists: give another path/);
    expect(bench.store.getState().ui.mode).toBe('note');
    expect(readFileSync(join(noteDir, 'taken.md'), 'utf8')).toBe('mine');
    bench.press('ctrl+u');
    type(bench, 'note.md');
    bench.press('return');
    const path = /incident note written: (.+)$/.exec(bench.store.getState().ui.message ?? '')?.[1];
    expect(path).toBe(join(noteDir, 'note.md'));
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    const note = readFileSync(path!, 'utf8');
    expect(note).toContain('Payments key incident');
    expect(note).toContain('## Findings');
    expect(note).toContain('the denied calls');
    expect(existsSync(`${path}.evidence.jsonl`)).toBe(true);
  });

  it('e offers the title given last time in the session, and the default in a new one', () => {
    const bench = workbench();
    bench.press('e');
    const offered = bench.store.getState().findings.prompt?.text;
    bench.press('ctrl+u');
    type(bench, 'Payments key incident');
    bench.press('return');
    bench.press('escape');
    expect(bench.store.getState().ui.mode).toBe('normal');
    bench.press('e');
    expect(bench.store.getState().findings.prompt?.text).toBe('Payments key incident');
    bench.press('escape');
    const next = workbench();
    next.press('e');
    expect(next.store.getState().findings.prompt?.text).toBe(offered);
  });

  it('e takes ~/ in the path as the home folder, as a shell would', () => {
    createFindingsData(fixture.dbPath).mark({ kind: 'filter', reference: 'error:*' }, 'the denied calls');
    const home = mkdtempSync(join(tmpdir(), 'keytrail-home-'));
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const bench = workbench();
      bench.press('e');
      bench.press('return');
      bench.press('ctrl+u');
      type(bench, '~/case-note.md');
      bench.press('return');
      expect(bench.store.getState().ui.message).toBe(`incident note written: ${join(home, 'case-note.md')}`);
      expect(readFileSync(join(home, 'case-note.md'), 'utf8')).toContain('the denied calls');
    } finally {
      process.env.HOME = savedHome;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('e names a missing folder in the path plainly, and keeps the prompt open for another path', () => {
    createFindingsData(fixture.dbPath).mark({ kind: 'filter', reference: 'error:*' }, 'the denied calls');
    const bench = workbench();
    bench.press('e');
    bench.press('return');
    bench.press('ctrl+u');
    type(bench, 'no-such-folder/note.md');
    bench.press('return');
    expect(bench.store.getState().ui.message).toBe(`no folder ${join(noteDir, 'no-such-folder')}: create it or give another path`);
    expect(bench.store.getState().ui.mode).toBe('note');
  });

  it('keeps findings across a restart: a new workbench on the index lists them', () => {
    const first = workbench();
    first.press('m');
    type(first, 'before the restart');
    first.press('return');
    const second = workbench();
    second.press('f');
    expect(second.store.getState().findings.list.map((finding) => finding.note)).toEqual(['before the restart']);
  });
});
