/**
 * Cold-start ingest rate of the live indexer: a fresh index of an existing tree, the
 * way the workbench starts it (worker thread, watching), until the first scan is done.
 *   npx tsx scripts/measure-cold-start.ts --dir /tmp/kt-bench-1m [--mode worker|in-process] [--db PATH]
 * Prints one JSON line: files, events, wall and CPU seconds, events per second of each, index size.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createIndexer } from '../src/indexer/create-indexer.js';
import type { IndexerProgress } from '../src/indexer/types.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, mode: { type: 'string', default: 'worker' }, db: { type: 'string' } } });
if (!values.dir) throw new Error('--dir DIR is required');
const mode = values.mode === 'in-process' ? 'in-process' : 'worker';
const scratch = mkdtempSync(join(tmpdir(), 'kt-cold-start-'));
const db = resolve(values.db ?? join(scratch, 'index.db'));
const indexer = createIndexer({ dir: resolve(values.dir), db, watch: true, mode });
const startedAt = performance.now();
const cpuAtStart = process.cpuUsage();
const done = new Promise<IndexerProgress>((resolveDone) => {
  indexer.onEvent((event) => {
    if (event.type === 'problem') process.stderr.write(`problem: ${event.file}: ${event.reason}\n`);
    if (event.type === 'progress' && event.initialScanDone && event.filesDone === event.filesSeen) resolveDone(event);
  });
});
await indexer.start();
const last = await done;
const seconds = (performance.now() - startedAt) / 1000;
// Process-wide: includes the worker thread. On a shared machine CPU seconds are steadier than wall time.
const cpu = process.cpuUsage(cpuAtStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
await indexer.stop();
console.log(JSON.stringify({
  mode, files: last.filesSeen, events: last.totalEvents, seconds: Number(seconds.toFixed(1)),
  eventsPerSecond: Math.round(last.totalEvents / seconds), cpuSeconds: Number(cpuSeconds.toFixed(1)),
  eventsPerCpuSecond: Math.round(last.totalEvents / cpuSeconds), indexBytes: statSync(db).size,
}));
rmSync(scratch, { recursive: true, force: true });
