import { setTimeout as sleep } from 'node:timers/promises';
import { createElement } from 'react';
import { render, type Instance } from 'ink';
import { openReadable } from '../app/data/open-readable.js';
import { createWorkbenchStore } from '../app/create-store.js';
import { Workbench } from '../app/workbench.js';
import { App } from '../ui/App.js';
import { RENDER_OPTIONS } from '../ui/render-options.js';
import { themeFromEnv } from '../ui/theme.js';
import { WorkbenchContext } from '../ui/workbench-context.js';
import { peakRssBytes } from './child.js';
import { FakeKeyboard, FakeScreen } from './fake-terminal.js';
import { keystrokeScript, type KeystrokeKind } from './keystrokes.js';
import { summarize, type LatencySummary } from './stats.js';

export interface KeypressInput {
  db: string;
  filters: string[];
  /** Scales the runs of repeated keys (1: the full session). */
  repeats: number;
  /** Time for the first screen and its counts before the first key. */
  settleMs: number;
  /** Time between keys: a fast responder's pace. Keys are due on this clock even when the app is busy. */
  intervalMs: number;
}

export interface KeypressResult {
  keys: number;
  /** From the time each key was due: what the person typing sees. */
  overall: LatencySummary;
  /** From the moment the key was handed to ink: the app's own work, without waiting for a busy loop or a loaded machine. */
  fromDelivery: LatencySummary;
  byKind: Record<string, LatencySummary>;
  /** Keys after which no frame came (nothing to redraw, or the app hung): not in the figures. */
  noFrame: number;
  /** Which keys those were (kind and bytes), to tell "nothing to redraw" from a hang. */
  noFrameKeys: string[];
  /** Frames written during the session, per key: counts and facets landing later redraw again. */
  framesPerKey: number;
  peakRssBytes: number;
}

const COLUMNS = 120;
const ROWS = 40;
const FRAME_WAIT_MS = 3_000;

/** The real App on a fake 120x40 terminal over the index, as runWorkbench draws it (its ink options). */
function mount(db: string): { workbench: Workbench; screen: FakeScreen; keyboard: FakeKeyboard; instance: Instance } {
  const screen = new FakeScreen(COLUMNS, ROWS);
  const keyboard = new FakeKeyboard();
  const store = createWorkbenchStore({ dir: null, dbPath: db, columns: COLUMNS, rows: ROWS });
  const workbench = new Workbench({ store, openData: () => openReadable(db) });
  const tree = createElement(WorkbenchContext.Provider, { value: { workbench, theme: themeFromEnv(process.env) } }, createElement(App));
  const streams = { stdout: screen, stdin: keyboard, stderr: screen } as unknown as Pick<NodeJS.Process, 'stdout' | 'stdin' | 'stderr'>;
  const instance = render(tree, { ...streams, ...RENDER_OPTIONS, patchConsole: false });
  workbench.connect();
  return { workbench, screen, keyboard, instance };
}

async function frameAfter(screen: FakeScreen, writesBefore: number): Promise<number | null> {
  const deadline = performance.now() + FRAME_WAIT_MS;
  while (screen.writes === writesBefore) {
    if (performance.now() > deadline) return null;
    await sleep(1);
  }
  return screen.lastWriteAt;
}

/**
 * Keypress to frame: each key is due at a fixed time; its latency runs from then to the
 * first frame written after it. A key due while the app is busy (counting a facet, say)
 * waits, and that wait is in its latency, as it is for the person typing.
 */
export async function measureKeypresses(input: KeypressInput): Promise<KeypressResult> {
  const script = keystrokeScript(input.filters, input.repeats);
  const { workbench, screen, keyboard, instance } = mount(input.db);
  await sleep(input.settleMs);
  const framesBefore = screen.writes;
  const samples: Array<{ kind: KeystrokeKind; ms: number; fromDelivery: number }> = [];
  const noFrameKeys: string[] = [];
  // A screen still blank after the settle time will stay blank: say so rather than wait out every key.
  const keys = screen.writes === 0 ? [] : script;
  if (keys.length === 0) noFrameKeys.push(`all ${script.length} keys: no frame drawn in ${input.settleMs} ms after mounting`);
  let due = performance.now();
  for (const key of keys) {
    due = Math.max(due + input.intervalMs, performance.now());
    await sleep(due - performance.now());
    const writesBefore = screen.writes;
    const delivered = performance.now();
    // A frame written before the key is typed belongs to the previous key: count from the first one after it.
    keyboard.type(key.bytes);
    const frameAt = screen.writes > writesBefore ? screen.lastWriteAt : await frameAfter(screen, writesBefore);
    if (frameAt === null) noFrameKeys.push(`${key.kind} ${JSON.stringify(key.bytes)}`);
    else samples.push({ kind: key.kind, ms: frameAt - due, fromDelivery: frameAt - delivered });
  }
  const framesPerKey = Math.round(((screen.writes - framesBefore) / script.length) * 100) / 100;
  instance.unmount();
  workbench.dispose();
  const byKind: Record<string, LatencySummary> = {};
  for (const kind of new Set(samples.map((sample) => sample.kind))) {
    byKind[kind] = summarize(samples.filter((sample) => sample.kind === kind).map((sample) => sample.ms));
  }
  return {
    keys: script.length, overall: summarize(samples.map((sample) => sample.ms)), fromDelivery: summarize(samples.map((sample) => sample.fromDelivery)),
    byKind, noFrame: script.length - samples.length, noFrameKeys, framesPerKey, peakRssBytes: peakRssBytes(),
  };
}
