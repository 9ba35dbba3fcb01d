import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventWriter } from '../../src/core/index/event-writer.js';
import { FilePreparer, PREPARE_BUDGET_KIB } from '../../src/indexer/file-preparer.js';
import { ingestFile } from '../../src/core/index/ingest-file.js';
import { ingestTree } from '../../src/core/index/ingest-tree.js';
import { openIndex } from '../../src/core/index/open.js';
import { encodePreparedFile, preparedKib, prepareFile } from '../../src/core/index/prepared-file.js';
import { RawBlockReader } from '../../src/core/index/raw-store.js';
import type { PreparedItem } from '../../src/core/index/prepared-item.js';
import { snapshotIndex } from '../helpers/index-snapshot.js';
import { readIndex, startWatching, waitFor } from './live-helpers.js';
import { copyInto, kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

let scratch: Scratch;
let preparer: FilePreparer | null = null;
afterEach(async () => {
  await preparer?.close();
  preparer = null;
  scratch.cleanup();
});

const plain = (item: PreparedItem) => {
  if (item.type !== 'event') return item;
  const { fields, entities, keys, raw, record } = item.event;
  return { ...item, event: { fields, entities, keys, raw, record } };
};

/** Read ahead from the first file on (the default waits for a backlog). */
const alwaysAhead = () => ({ start: () => (preparer = new FilePreparer(scratch.logs)), minBacklog: 0 });

const sample = join(import.meta.dirname, '../../sample-logs');

async function indexWith(readAhead: boolean, name: string) {
  const db = openIndex(join(scratch.root, `${name}.db`));
  const report = await ingestTree(db, scratch.logs, { final: true, readAhead: readAhead ? alwaysAhead() : undefined });
  const raw = new RawBlockReader(db);
  // The raw records as stored: handed over as bytes, they must be the very records read.
  const records = (db.prepare('SELECT uid, raw_block AS block, raw_offset AS offset, raw_length AS length FROM events ORDER BY uid').all() as
    Array<{ uid: string; block: number; offset: number; length: number }>).map((row) => [row.uid, raw.read(row.block, row.offset, row.length)]);
  const view = { index: snapshotIndex(db), records, events: report.events, duplicates: report.duplicates, rejected: report.rejected,
    failed: report.failed, notLogs: report.notLogs, coverage: report.coverage };
  db.close();
  return view;
}

describe('files read and parsed ahead on a second thread', () => {
  it('give the same index as files read by the writer itself', async () => {
    scratch = makeScratch();
    copyInto(scratch, sample, 'sample');
    scratch.write('odd/lines.jsonl', `${JSON.stringify(kmsEvent({ eventID: 'l-1' }))}\n{"broken": tru}\n{"not": "an event"}\n`);
    scratch.write('odd/cut.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    scratch.write('odd/empty.json', '');
    scratch.write('odd/copy.json', recordsFile([kmsEvent({ eventID: 'l-1' }), kmsEvent({ eventID: 'l-1', eventName: 'Encrypt' })]));
    const take = vi.spyOn(FilePreparer.prototype, 'take');
    const receive = vi.spyOn(FilePreparer.prototype, 'receive');
    const ahead = await indexWith(true, 'ahead');
    const handedOver = take.mock.results.filter((result) => result.value !== null).length;
    const compressedThere = receive.mock.results.filter((result) => Buffer.isBuffer(result.value)).length;
    take.mockRestore();
    receive.mockRestore();
    const alone = await indexWith(false, 'alone');
    expect(handedOver).toBeGreaterThan(1000);
    // The writer's raw blocks were compressed on that thread too (~80 blocks of records in the sample).
    expect(compressedThere).toBeGreaterThan(20);
    expect(ahead.events).toBeGreaterThan(1000);
    expect(ahead.records.every(([, record]) => typeof record === 'string' && record.startsWith('{'))).toBe(true);
    expect(ahead.rejected.length).toBeGreaterThan(0);
    expect(ahead).toEqual(alone);
  });

  it('serve the workbench\'s first scan too: its indexer builds the same index as a one-thread `keytrail index`', async () => {
    scratch = makeScratch();
    copyInto(scratch, sample, 'sample');
    const take = vi.spyOn(FilePreparer.prototype, 'take');
    const watching = await startWatching(scratch, { watch: false });
    await waitFor('the first scan', () => watching.lastProgress()?.initialScanDone && watching.lastProgress()?.filesDone === watching.lastProgress()?.filesSeen);
    await watching.stop();
    const handedOver = take.mock.results.filter((result) => result.value !== null).length;
    take.mockRestore();
    const live = readIndex(scratch.dbPath, (db) => snapshotIndex(db));
    const alone = openIndex(join(scratch.root, 'alone.db'));
    await ingestTree(alone, scratch.logs, { final: true });
    expect(handedOver).toBeGreaterThan(1000);
    expect(live).toEqual(snapshotIndex(alone));
    alone.close();
  });

  it('are read again when they changed after being prepared', async () => {
    scratch = makeScratch();
    const path = scratch.write('late.json', recordsFile([kmsEvent({ eventID: 'old-1' })]));
    const before = statSync(path);
    const stale = prepareFile(path, before.size, Math.trunc(before.mtimeMs));
    scratch.write('late.json', recordsFile([kmsEvent({ eventID: 'new-1' }), kmsEvent({ eventID: 'new-2' })]));
    const db = openIndex(scratch.dbPath);
    const report = await ingestFile(db, new EventWriter(db), scratch.logs, 'late.json', { final: true, prepared: stale });
    expect(report.added).toBe(2);
    expect(db.prepare('SELECT uid FROM events ORDER BY uid').pluck().all()).toEqual(['new-1', 'new-2']);
    // The same size, rewritten later: only the mtime tells.
    const same = scratch.write('same.json', recordsFile([kmsEvent({ eventID: 'old-9' })]));
    const read = statSync(same);
    const staleSame = prepareFile(same, read.size, Math.trunc(read.mtimeMs));
    scratch.write('same.json', recordsFile([kmsEvent({ eventID: 'new-9' })]));
    utimesSync(same, new Date(), new Date(read.mtimeMs + 5_000));
    expect(statSync(same).size).toBe(read.size);
    await ingestFile(db, new EventWriter(db), scratch.logs, 'same.json', { final: true, prepared: staleSame });
    expect(db.prepare("SELECT uid FROM events WHERE uid LIKE '%-9'").pluck().all()).toEqual(['new-9']);
    db.close();
  });

  it('leave to the writer a file they could not read, and hand over the others as read', () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([kmsEvent({ eventID: 'a-1' })]));
    preparer = new FilePreparer(scratch.logs);
    preparer.want(['gone.json', 'a.json']);
    expect(preparer.take('never-asked.json')).toBeNull();
    expect(preparer.take('gone.json')).toBeNull();
    const info = statSync(path);
    const read = prepareFile(path, info.size, Math.trunc(info.mtimeMs))!;
    const handed = preparer.take('a.json')!;
    expect({ ...handed, items: handed.items.map(plain) }).toEqual({ ...read, items: read.items.map(plain) });
    // Taken once: asked again, the writer reads it itself.
    expect(preparer.take('a.json')).toBeNull();
  });

  it('keep hundreds of small files read ahead while the writer is busy elsewhere (a commit), and read on as it takes them', async () => {
    scratch = makeScratch();
    const files = Array.from({ length: 600 }, (_, f) => `s3/${String(f).padStart(3, '0')}.json`);
    files.forEach((file, f) => scratch.write(file, recordsFile([kmsEvent({ eventID: `s-${f}` })])));
    const kibOf = (file: string) => {
      const info = statSync(join(scratch.logs, file));
      return preparedKib(encodePreparedFile(prepareFile(join(scratch.logs, file), info.size, Math.trunc(info.mtimeMs))!));
    };
    const heldFor = (list: string[]) => list.reduce((sum, file) => sum + kibOf(file), 0);
    const heldReaches = async (kib: number) => {
      for (let waited = 0; waited < 30_000 && preparer!.heldKib < kib; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      // Given time to read on, it does not.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return preparer!.heldKib;
    };
    preparer = new FilePreparer(scratch.logs);
    preparer.want(files);
    expect(await heldReaches(heldFor(files.slice(0, 512)))).toBe(heldFor(files.slice(0, 512)));
    // As the writer takes them, in order and each as read, it is told of the next ones.
    for (let taken = 0; taken < 64; taken++) {
      expect(preparer.take(files[taken]!)?.items).toHaveLength(1);
      preparer.want(files.slice(taken + 1));
    }
    expect(await heldReaches(heldFor(files.slice(64, 576)))).toBe(heldFor(files.slice(64, 576)));
    for (let taken = 64; taken < files.length; taken++) {
      expect(preparer.take(files[taken]!)?.items).toHaveLength(1);
      preparer.want(files.slice(taken + 1));
    }
    expect(preparer.heldKib).toBe(0);
  });

  it('hold no more than their budget ahead, and still finish a run of large files', async () => {
    scratch = makeScratch();
    // Each file ~1 MiB of record text: the run is twice the budget the thread may hold.
    const perFile = Math.ceil((1024 * 1024) / JSON.stringify(kmsEvent()).length);
    const files = Math.ceil((2 * PREPARE_BUDGET_KIB) / 1024);
    for (let f = 0; f < files; f++) {
      const events = Array.from({ length: perFile }, (_, i) => kmsEvent({ eventID: `f${f}-${i}`, requestID: `r${f}-${i}` }));
      scratch.write(`big/${String(f).padStart(2, '0')}.json.gz`, recordsFile(events), { gzip: true });
    }
    // Asked for every file and never taken: the thread stops once it holds its budget (plus the file it was on).
    const held = new FilePreparer(scratch.logs);
    held.want(Array.from({ length: files }, (_, f) => `big/${String(f).padStart(2, '0')}.json.gz`));
    for (let waited = 0; waited < 30_000 && held.heldKib < PREPARE_BUDGET_KIB; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.heldKib).toBeGreaterThanOrEqual(PREPARE_BUDGET_KIB);
    // Given time to read on, it does not.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(held.heldKib).toBeLessThanOrEqual(PREPARE_BUDGET_KIB + 2 * 1024);
    await held.close();
    const db = openIndex(scratch.dbPath);
    const report = await ingestTree(db, scratch.logs, { final: true, readAhead: alwaysAhead() });
    expect(report.events).toBe(files * perFile);
    db.close();
  });
});
