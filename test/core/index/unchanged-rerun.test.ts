import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const event = (id: string, extra: Record<string, unknown> = {}) => kmsEvent({ eventID: id, requestID: `r-${id}`, ...extra });
const uids = (db: IndexDb, filter = '') => [...iterateEvents(db, compileFilter(db, filter))].map((row) => row.uid).sort();
// Whole seconds: utimes goes through a float of seconds, which can move a fractional millisecond.
const EARLIER = new Date('2026-11-20T00:00:00Z');
const LATER = new Date('2026-11-21T00:00:00Z');

/** Rewrites a file in place and gives it the mtime it should appear to have. */
function rewrite(path: string, content: string, mtime: Date): void {
  writeFileSync(path, content);
  utimesSync(path, mtime, mtime);
}

describe('indexing an unchanged tree again', () => {
  it('confirms a file by its size and mtime alone: content behind an identical stat is not read', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('a1'), event('a2')]));
    utimesSync(path, EARLIER, EARLIER);
    scratch.write('b.json', recordsFile([event('b1')]));
    await scratch.index();
    // Same size and mtime as indexed, other bytes: only reading the file could tell.
    rewrite(path, recordsFile([event('x1'), event('x2')]), EARLIER);
    const { db, report } = await scratch.index();
    expect(report.skippedFiles).toBe(2);
    expect(uids(db)).toEqual(['a1', 'a2', 'b1']);
  });

  it('reads a touched file once, then confirms it by stat alone on every later run', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('a1'), event('a2')]));
    await scratch.index();
    utimesSync(path, LATER, LATER);
    const touched = await scratch.index();
    expect(touched.report.skippedFiles).toBe(1);
    expect(touched.report.events).toBe(0);
    // The touch was recorded: a later run trusts the new mtime and reads nothing.
    rewrite(path, recordsFile([event('x1'), event('x2')]), LATER);
    const { db, report } = await scratch.index();
    expect(report.skippedFiles).toBe(1);
    expect(uids(db)).toEqual(['a1', 'a2']);
  });
});

describe('indexing a changed file again', () => {
  it('re-indexes a file of the same size with a new mtime', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('a1'), event('a2')]));
    scratch.write('b.json', recordsFile([event('b1')]));
    await scratch.index();
    rewrite(path, recordsFile([event('c1'), event('c2')]), LATER);
    const { db, report } = await scratch.index();
    expect(report).toMatchObject({ indexedFiles: 1, skippedFiles: 1, events: 2 });
    expect(uids(db)).toEqual(['b1', 'c1', 'c2']);
  });

  it('confirms a touched file past 64 KiB by its hash, without reading its events again', async () => {
    scratch = makeScratch();
    const path = scratch.write('big.json', recordsFile(Array.from({ length: 120 }, (_, index) => event(`e${index}`))));
    expect(statSync(path).size).toBeGreaterThan(64 * 1024);
    await scratch.index();
    utimesSync(path, LATER, LATER);
    const { report } = await scratch.index();
    expect(report).toMatchObject({ indexedFiles: 0, skippedFiles: 1, events: 0 });
  });

  it('re-indexes a file larger than 64 KiB, of the same size and head, edited further on', async () => {
    scratch = makeScratch();
    const many = Array.from({ length: 120 }, (_, index) => event(`e${index}`, { sourceIPAddress: '10.0.1.199' }));
    const path = scratch.write('big.json', recordsFile(many));
    expect(statSync(path).size).toBeGreaterThan(64 * 1024);
    await scratch.index();
    // The last record's address, same length: size and first 64 KiB as indexed, mtime newer.
    const text = readFileSync(path, 'utf8');
    const at = text.lastIndexOf('10.0.1.199');
    rewrite(path, `${text.slice(0, at)}66.6.1.199${text.slice(at + '10.0.1.199'.length)}`, LATER);
    const { db, report } = await scratch.index();
    expect(report).toMatchObject({ indexedFiles: 1, skippedFiles: 0 });
    expect(uids(db, 'ip:66.6.1.199')).toEqual(['e119']);
  });

  it('reads a touched file larger than its hashed head (1 MiB) again, since an edit past the head would not show', async () => {
    scratch = makeScratch();
    const padding = 'x'.repeat(1200);
    const path = scratch.write('huge.json', recordsFile(Array.from({ length: 900 }, (_, index) => event(`h${index}`, { userAgent: `${padding}${index}` }))));
    expect(statSync(path).size).toBeGreaterThan(1024 * 1024);
    await scratch.index();
    utimesSync(path, LATER, LATER);
    const { db, report } = await scratch.index();
    expect(report).toMatchObject({ indexedFiles: 1, skippedFiles: 0 });
    expect(uids(db)).toHaveLength(900);
  });

  it('re-indexes a file of a new size with the same mtime', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('a1'), event('a2')]));
    utimesSync(path, EARLIER, EARLIER);
    await scratch.index();
    rewrite(path, recordsFile([event('a1'), event('a2'), event('a3')]), EARLIER);
    const { db, report } = await scratch.index();
    expect(report).toMatchObject({ indexedFiles: 1, skippedFiles: 0 });
    expect(uids(db)).toEqual(['a1', 'a2', 'a3']);
  });
});
