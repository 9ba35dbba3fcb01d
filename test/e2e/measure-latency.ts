/**
 * Keypress-to-frame latency of the real workbench (App, panes, store, commands, core
 * queries) on an existing index, in-process: `npx tsx test/e2e/measure-latency.ts
 * INDEX.db [COLUMNS ROWS]`. A measurement, not a test: it prints percentiles per key.
 * ink runs in debug mode so each key's frame is drawn at once (the real terminal adds
 * ink's 30 fps throttle only when keys come faster than that).
 */
import { EventEmitter } from 'node:events';

// As the binary does: React's production build (set before React loads).
process.env.NODE_ENV ??= 'production';
const { createElement } = await import('react');
const { render } = await import('ink');
const { openReadable } = await import('../../src/app/data/open-readable.js');
const { createWorkbenchStore } = await import('../../src/app/create-store.js');
const { patch } = await import('../../src/app/store.js');
const { Workbench } = await import('../../src/app/workbench.js');
const { App } = await import('../../src/ui/App.js');
const { themeFromEnv } = await import('../../src/ui/theme.js');
const { WorkbenchContext } = await import('../../src/ui/workbench-context.js');

/** Where ink draws: notes when each frame is written, so a key can wait for its frame. */
class FrameSink extends EventEmitter {
  isTTY = false;
  private waiting: Array<(at: number) => void> = [];
  constructor(readonly columns: number, readonly rows: number) {
    super();
  }
  write(): boolean {
    const at = performance.now();
    for (const resolve of this.waiting.splice(0)) resolve(at);
    return true;
  }
  nextFrame(): Promise<number> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

class KeySource extends EventEmitter {
  isTTY = true;
  private pending: string | null = null;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read(): string | null {
    const data = this.pending;
    this.pending = null;
    return data;
  }
  send(data: string): void {
    this.pending = data;
    this.emit('readable');
  }
}

const [dbPath, columnsArg = '80', rowsArg = '24'] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: measure-latency.ts INDEX.db [COLUMNS ROWS]');
const stdout = new FrameSink(Number(columnsArg), Number(rowsArg));
const stdin = new KeySource();
const store = createWorkbenchStore({ dir: null, dbPath, columns: stdout.columns, rows: stdout.rows });
const workbench = new Workbench({ store, openData: () => openReadable(dbPath) });
patch(store, 'status', { initialScanDone: true });
// createElement, not JSX: JSX would import React's runtime before NODE_ENV is set.
render(
  createElement(WorkbenchContext.Provider, { value: { workbench, theme: themeFromEnv(process.env) } }, createElement(App)),
  { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
);
const opened = performance.now();
workbench.connect();
console.log(`open + first page: ${(performance.now() - opened).toFixed(1)} ms`);

const settle = async () => {
  while (!workbench.ctx.aggregates.idle) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 40));
};

/** Sends one key and returns the time until the next frame is written (keys that change nothing time out at 1 s). */
async function press(key: string): Promise<number> {
  const frame = stdout.nextFrame();
  const before = performance.now();
  stdin.send(key);
  const at = await Promise.race([frame, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 1000))]);
  return at - before;
}

const results = new Map<string, number[]>();
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length - 1) * p))]!;

function report(label: string): void {
  const times = (results.get(label) ?? []).filter((time) => !Number.isNaN(time));
  if (times.length === 0) return;
  console.log(`${label.padEnd(48)} n ${String(times.length).padStart(3)}  p50 ${percentile(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 0.95).toFixed(1).padStart(6)} ms  max ${Math.max(...times).toFixed(1).padStart(6)} ms`);
}
async function measure(label: string, keys: string[], repeat: number, reset: string[] = []): Promise<void> {
  for (let round = 0; round < repeat; round++) {
    for (const key of reset) await press(key);
    await settle();
    for (const key of keys.slice(0, -1)) await press(key);
    const time = await press(keys[keys.length - 1]!);
    results.set(label, [...(results.get(label) ?? []), time]);
  }
  report(label);
}

const ESC = '\u001b';
await settle();
console.log(`frame ${stdout.columns}x${stdout.rows}, ${workbench.store.getState().status.totalEvents.toLocaleString('en-US')} events; counts settled in ${(performance.now() - opened).toFixed(0)} ms`);
await measure('j/k inside the buffer', ['k'], 30);
await measure('PgUp (page from SQLite by key)', ['\u001b[5~'], 30);
await measure('g (oldest page)', ['g'], 10, ['G']);
await measure('G (newest page)', ['G'], 10, ['g']);
await measure('Enter (open detail)', ['\r'], 10, [ESC, 'k']);
await measure('n (next entity)', ['n'], 10, [ESC, '\r']);
await measure('Tab (next pane)', ['\t'], 10);
await measure('h/l facet kind', ['l'], 10, ['2']);
await measure('Enter pivot from facet (page; counts follow)', ['\r'], 5, [ESC, '2']);
await measure('x errors only (page; counts follow)', ['x'], 6);
await measure('/ + a typed character', ['a'], 10, [ESC, '/']);
await measure('histogram bucket move', ['l'], 10, [ESC, '4']);
await press(ESC);

/** Keys pressed while counts, facets and the histogram of a broad filter are being computed. */
async function duringCounting(label: string, change: string): Promise<void> {
  await settle();
  await press(change);
  const times: number[] = [];
  while (!workbench.ctx.aggregates.idle) {
    times.push(await press(times.length % 2 ? 'j' : 'k'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  results.set(label, times);
  report(label);
}
await duringCounting('k/j while counting after x (errors only)', 'x');
await duringCounting('k/j while counting after a (no AWS-internal)', 'a');
await duringCounting('k/j while counting after x again', 'x');
// The instances facet probes every instance value per query: the slowest count there is.
for (const key of ['2', 'h', 'h', 'h', 'h', 'h', 'h', 'h', 'h', 'l', 'l', '1']) await press(key);
await duringCounting('k/j while counting, instances facet chosen, x', 'x');
await duringCounting('k/j while counting, instances facet chosen, x off', 'x');

const started = performance.now();
workbench.run('toggle.hideService');
await settle();
console.log(`counts, facet and histogram after a broad filter change: ${(performance.now() - started - 40).toFixed(0)} ms in the background, in steps`);
workbench.dispose();
process.exit(0);
