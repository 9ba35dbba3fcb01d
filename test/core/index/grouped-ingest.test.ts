import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventWriter } from '../../../src/core/index/event-writer.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { compressRawBlock, RawBlockReader, type BlockCompressor } from '../../../src/core/index/raw-store.js';
import type { BatchReport } from '../../../src/core/index/reports.js';
import { GroupedIngest, MAX_WINDOW_MS, type GroupedIngestOptions } from '../../../src/core/index/grouped-ingest.js';
import { makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';
import { eventCountIn, jsonLines, numberedEvents, onceEach, readIndex, tallyIndex } from '../../indexer/live-helpers.js';

let scratch: Scratch;
let db: IndexDb | undefined;
afterEach(() => {
  vi.useRealTimers();
  db?.close();
  db = undefined;
  scratch.cleanup();
});

function grouped(options: Partial<GroupedIngestOptions> & { onCommitted: (batch: BatchReport) => void }): GroupedIngest {
  db = openIndex(scratch.dbPath);
  return new GroupedIngest(db, new EventWriter(db), {
    root: scratch.logs, final: false, signal: new AbortController().signal, windowMs: 60_000, onLost: () => undefined, ...options,
  });
}

/**
 * Another thread's block compression as the writer may meet it: 'slow' answers "later" until the
 * writer waits, 'gone' never gives a block back (the thread died).
 */
function compressorOf(behaviour: 'slow' | 'gone'): BlockCompressor & { sent: number } {
  const waiting = new Map<number, Buffer>();
  return {
    sent: 0,
    send(data) {
      waiting.set(this.sent, Buffer.from(data));
      return this.sent++;
    },
    receive(ticket, wait) {
      if (behaviour === 'gone') return null;
      if (!wait) return 'later';
      const data = waiting.get(ticket);
      waiting.delete(ticket);
      return data ? compressRawBlock(data) : null;
    },
    forget(ticket) {
      waiting.delete(ticket);
    },
  };
}

/** Starts `grouped`'s read-ahead at once, with `compressor` for its blocks (it reads no file itself). */
function compressingElsewhere(files: GroupedIngest, compressor: BlockCompressor | null): void {
  if (compressor === null) return;
  files.expect([], 1);
}

function readAheadWith(compressor: BlockCompressor | null): Partial<GroupedIngestOptions> {
  return compressor === null ? {} : { readAhead: { start: () => ({ want: () => undefined, take: () => null, close: async () => undefined, compressor }), minBacklog: 0 } };
}

const COMPRESSORS = [['here', () => null], ['on a slow thread', () => compressorOf('slow')], ['on a thread that died', () => compressorOf('gone')]] as const;

describe('GroupedIngest', () => {
  it('holds several files in one transaction and reports each only once it is committed', async () => {
    scratch = makeScratch();
    for (const name of ['a', 'b', 'c']) scratch.write(`${name}.json`, recordsFile(numberedEvents(name, 2)));
    const reported: string[] = [];
    const files = grouped({ onCommitted: (batch) => reported.push(batch.file) });
    for (const name of ['a', 'b', 'c']) expect((await files.ingest(`${name}.json`)).outcome).toBe('indexed');
    expect(eventCountIn(scratch.dbPath)).toBe(0);
    expect(reported).toEqual([]);
    files.commit();
    expect(eventCountIn(scratch.dbPath)).toBe(6);
    expect(reported).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it.each(COMPRESSORS)('undoes a file that ends cut short alone: the files before and after it keep their events, entities and raw records (blocks compressed %s)', async (_, compressor) => {
    scratch = makeScratch();
    const elsewhere = compressor();
    // a.json leaves a raw block open when b.json's savepoint begins: b.json fills and writes it, then is undone.
    const padded = (prefix: string, count: number) => numberedEvents(prefix, count).map((event) => ({ ...event, additionalEventData: { padding: 'x'.repeat(1000) } }));
    scratch.write('a.json', recordsFile(padded('a', 300)));
    // A document still being written: indexed whole once complete, never in part.
    // Over 1 MiB, so it is streamed rather than read whole.
    scratch.write('b.json', recordsFile(padded('b', 1000)).slice(0, -40));
    scratch.write('c.json', recordsFile(numberedEvents('c', 3)));
    const files = grouped({ onCommitted: () => undefined, ...readAheadWith(elsewhere) });
    compressingElsewhere(files, elsewhere);
    expect((await files.ingest('a.json')).outcome).toBe('indexed');
    expect((await files.ingest('b.json')).outcome).toBe('incomplete');
    expect((await files.ingest('c.json')).outcome).toBe('indexed');
    files.commit();
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(303));
    const stored = readIndex(scratch.dbPath, (index) => {
      const raw = new RawBlockReader(index);
      return (index.prepare('SELECT uid, raw_block AS block, raw_offset AS offset, raw_length AS length FROM events ORDER BY seq').all() as
        Array<{ uid: string; block: number; offset: number; length: number }>)
        .map((row) => [row.uid, (JSON.parse(raw.read(row.block, row.offset, row.length) ?? '{}') as { eventID?: string }).eventID]);
    });
    expect(stored).toEqual([...Array.from({ length: 300 }, (_, i) => `a-${i}`), 'c-0', 'c-1', 'c-2'].map((id) => [id, id]));
    if (elsewhere) expect(elsewhere.sent).toBeGreaterThan(2);
  });

  it('keeps the values of the files around an undone one, and files a value first seen in the undone file under the next file that names it', async () => {
    scratch = makeScratch();
    const by = (prefix: string, count: number, user: string) => numberedEvents(prefix, count)
      .map((event) => ({ ...event, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333' } }));
    scratch.write('a.json', recordsFile(by('a', 2, 'alice')));
    scratch.write('b.json', recordsFile([...by('b1', 2, 'bob'), ...by('b2', 1, 'alice'), ...by('b3', 1, 'carol')]).slice(0, -40));
    scratch.write('c.json', recordsFile([...by('c', 3, 'bob'), ...by('d', 1, 'alice')]));
    const files = grouped({ onCommitted: () => undefined });
    for (const name of ['a', 'b', 'c']) await files.ingest(`${name}.json`);
    files.commit();
    const principals = readIndex(scratch.dbPath, (index) => index.prepare(`SELECT v.value, v.events,
      (SELECT group_concat(uid) FROM (SELECT e.uid FROM entities y JOIN events e ON e.seq = y.seq WHERE y.value_id = v.id ORDER BY e.uid)) AS uids
      FROM entity_values v WHERE v.kind = 'principal' ORDER BY v.value`).all());
    expect(principals).toEqual([
      { value: 'arn:aws:iam::111122223333:user/alice', events: 3, uids: 'a-0,a-1,d-0' },
      { value: 'arn:aws:iam::111122223333:user/bob', events: 3, uids: 'c-0,c-1,c-2' },
    ]);
  });

  it.each(COMPRESSORS)('knows a re-delivery of records whose raw blocks are still open or written in the same transaction (blocks compressed %s)', async (_, compressor) => {
    scratch = makeScratch();
    const elsewhere = compressor();
    // ~1.3 KiB records: 400 of them fill four 128 KiB raw blocks.
    const events = numberedEvents('big', 400).map((event) => ({ ...event, additionalEventData: { padding: 'x'.repeat(1000) } }));
    // Delivered twice in one file (some first copies in the open block), then again in the next file (their blocks written).
    scratch.write('org-trail.json', recordsFile([...events, ...events]));
    scratch.write('account-trail.json', recordsFile(events));
    const files = grouped({ onCommitted: () => undefined, ...readAheadWith(elsewhere) });
    compressingElsewhere(files, elsewhere);
    expect(await files.ingest('org-trail.json')).toMatchObject({ added: 400, duplicates: 400 });
    expect(await files.ingest('account-trail.json')).toMatchObject({ added: 0, duplicates: 400 });
    files.commit();
    expect(tallyIndex(scratch.dbPath)).toEqual({ ...onceEach(400), duplicates: 800 });
    const unreadable = readIndex(scratch.dbPath, (index) => {
      const raw = new RawBlockReader(index);
      return (index.prepare('SELECT uid, raw_block AS block, raw_offset AS offset, raw_length AS length FROM events').all() as
        Array<{ uid: string; block: number; offset: number; length: number }>)
        .filter((row) => (JSON.parse(raw.read(row.block, row.offset, row.length) ?? '{}') as { eventID?: string }).eventID !== row.uid);
    });
    expect(unreadable).toEqual([]);
  });

  it('writes a streamed file\'s raw blocks as they fill, rather than holding them until the file ends', async () => {
    scratch = makeScratch();
    // ~1.3 KiB records: 2,000 of them are ~20 full blocks, and over 1 MiB, so the file is streamed.
    const events = numberedEvents('big', 2000).map((event) => ({ ...event, additionalEventData: { padding: 'x'.repeat(1000) } }));
    scratch.write('big.json', recordsFile(events));
    const files = grouped({ onCommitted: () => undefined });
    expect((await files.ingest('big.json')).outcome).toBe('indexed');
    // Not committed yet: the writer's own connection sees what it wrote in the open transaction.
    expect(db!.prepare('SELECT count(*) FROM raw_blocks').pluck().get()).toBeGreaterThanOrEqual(15);
    files.commit();
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(2000));
  });

  it('gives the event loop a turn while it reads small files without waiting on I/O (Ctrl-C, a stop)', async () => {
    scratch = makeScratch();
    // A commit per file: each writes its own raw block.
    const names = Array.from({ length: 500 }, (_, i) => `f${i}.json`);
    for (const name of names) scratch.write(name, recordsFile(numberedEvents(name, 1)));
    const files = grouped({ windowMs: 0, onCommitted: () => undefined });
    let readWhenTimerFired: number | null = null;
    let read = 0;
    setTimeout(() => { readWhenTimerFired = read; }, 0);
    for (const name of names) {
      await files.ingest(name);
      read++;
    }
    files.commit();
    expect(readWhenTimerFired).not.toBeNull();
    expect(readWhenTimerFired!).toBeLessThan(names.length);
  });

  it('spreads the commits of a long backlog up to MAX_WINDOW_MS apart, and commits a lone file after it at once', async () => {
    scratch = makeScratch();
    const names = Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(3, '0')}.json`);
    for (const name of [...names, 'late.json']) scratch.write(name, recordsFile(numberedEvents(name, 1)));
    vi.useFakeTimers({ toFake: ['Date'] });
    const commits: number[] = [];
    let last = -1;
    const files = grouped({ windowMs: 200, onCommitted: () => {
      if (Date.now() !== last) commits.push(Date.now());
      last = Date.now();
    } });
    const start = Date.now();
    // A backlog read at one file per second of the clock: two minutes of files.
    for (const name of names) {
      await files.ingest(name);
      vi.advanceTimersByTime(1000);
    }
    files.commit();
    const gaps = commits.slice(1).map((at, i) => at - commits[i]!);
    expect(commits[0]! - start).toBeLessThanOrEqual(1000);
    // A window closes at the first file read after it, and the next opens a second later (files come a second apart):
    // at first every second file commits, at the end every sixth.
    expect(gaps.slice(0, 3)).toEqual([2000, 2000, 2000]);
    expect(Math.max(...gaps)).toBe(MAX_WINDOW_MS + 1000);
    expect(commits.length).toBeLessThan(40);
    expect(eventCountIn(scratch.dbPath)).toBe(120);
    // After the backlog: the window is short again.
    commits.length = 0;
    await files.ingest('late.json');
    vi.advanceTimersByTime(200);
    await files.ingest('late.json', true);
    expect(commits).toHaveLength(1);
  });

  it('commits a large file as it goes, stops at a batch boundary when told to, and resumes it to every line once', async () => {
    scratch = makeScratch();
    scratch.write('big.jsonl', jsonLines(numberedEvents('big', 6000)));
    const controller = new AbortController();
    const committed: number[] = [];
    const onCommitted = (batch: BatchReport) => {
      committed.push(batch.added);
      controller.abort();
    };
    const first = grouped({ wholeFileBytes: 0, signal: controller.signal, onCommitted });
    expect((await first.ingest('big.jsonl')).outcome).toBe('incomplete');
    expect(committed).toEqual([5000]);
    expect(eventCountIn(scratch.dbPath)).toBe(5000);
    db?.close();
    const second = grouped({ wholeFileBytes: 0, onCommitted: (batch) => committed.push(batch.added) });
    expect((await second.ingest('big.jsonl')).outcome).toBe('indexed');
    expect(committed).toEqual([5000, 1000]);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(6000));
  });
});
