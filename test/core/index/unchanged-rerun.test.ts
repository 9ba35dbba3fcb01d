import { utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const event = (id: string) => kmsEvent({ eventID: id, requestID: `r-${id}` });
const uids = (db: IndexDb) => [...iterateEvents(db, compileFilter(db, ''))].map((row) => row.uid).sort();
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
