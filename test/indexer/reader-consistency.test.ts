import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { eventCount } from '../../src/core/index/event-count.js';
import { openIndex, type IndexDb } from '../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { startWatching, waitFor, type Watching } from './live-helpers.js';

let scratch: Scratch;
let watching: Watching | undefined;
let reader: IndexDb | undefined;
afterEach(async () => {
  reader?.close();
  reader = undefined;
  await watching?.stop();
  watching = undefined;
  scratch.cleanup();
});

interface Snapshot {
  total: number;
  counted: number;
  perFile: Map<string, number>;
}

/** One read transaction, as a status line and an events pane would read together. */
function snapshot(db: IndexDb): Snapshot {
  return db.transaction(() => ({
    total: eventCount(db),
    counted: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
    perFile: new Map(db.prepare(`SELECT f.path, count(e.seq) FROM files f LEFT JOIN events e ON e.file_id = f.id
      WHERE f.path LIKE '%.json.gz' GROUP BY f.path`).raw().all() as Array<[string, number]>),
  }))();
}

function fileOf(name: string, events: number): { path: string; body: string } {
  const list = Array.from({ length: events }, (_, i) => kmsEvent({ eventID: `${name}-${i}`, requestID: `req-${name}-${i}` }));
  return { path: `${name}.json.gz`, body: recordsFile(list) };
}

/** Polls the index from this thread while the worker writes, until `done` holds; returns every snapshot. */
async function observe(db: IndexDb, done: (view: Snapshot) => boolean): Promise<Snapshot[]> {
  const views: Snapshot[] = [];
  for (;;) {
    const view = snapshot(db);
    views.push(view);
    if (done(view)) return views;
    if (views.length > 200_000) throw new Error('the writer never finished');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a reader while the worker writes', () => {
  it('sees whole files only, a count that never goes back, and a stored total equal to the rows', async () => {
    scratch = makeScratch();
    const files = Array.from({ length: 40 }, (_, i) => fileOf(`f${String(i).padStart(2, '0')}`, 20 + 3 * i));
    for (const file of files) scratch.write(file.path, file.body, { gzip: true });
    const expected = new Map(files.map((file, i) => [file.path, 20 + 3 * i]));
    const total = [...expected.values()].reduce((sum, n) => sum + n, 0);
    watching = await startWatching(scratch, { mode: 'worker' });
    reader = await waitFor('the index to exist', () => { try { return openIndex(scratch.dbPath, { readonly: true }); } catch { return undefined; } });
    const views = await observe(reader, (view) => view.counted === total);
    let previous = 0;
    for (const view of views) {
      expect(view.total).toBe(view.counted);
      expect(view.counted).toBeGreaterThanOrEqual(previous);
      previous = view.counted;
      for (const [path, count] of view.perFile) expect(count).toBe(expected.get(path));
    }
    // The reader really ran beside the writer: it saw the index part-way.
    expect(new Set(views.map((view) => view.counted)).size).toBeGreaterThan(2);
  }, 30_000);

  it('never sees a replaced file missing or doubled', async () => {
    scratch = makeScratch();
    scratch.write('a.json.gz', fileOf('a', 300).body, { gzip: true });
    scratch.write('b.json.gz', fileOf('b', 50).body, { gzip: true });
    watching = await startWatching(scratch, { mode: 'worker' });
    reader = await waitFor('the first files', () => {
      try {
        const db = openIndex(scratch.dbPath, { readonly: true });
        if (snapshot(db).counted === 350) return db;
        db.close();
      } catch { /* not created yet */ }
      return undefined;
    });
    const replacement = fileOf('a-v2', 120);
    writeFileSync(join(scratch.logs, 'a.json.gz'), gzipSync(replacement.body));
    const views = await observe(reader, (view) => view.counted === 170);
    for (const view of views) {
      expect([350, 170]).toContain(view.counted);
      expect(view.total).toBe(view.counted);
      expect([300, 120]).toContain(view.perFile.get('a.json.gz'));
    }
  }, 30_000);
});
