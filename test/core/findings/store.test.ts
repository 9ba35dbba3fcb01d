import { afterEach, describe, expect, it } from 'vitest';
import { FilterSyntaxError } from '../../../src/core/query/filter-compile.js';
import { FindingTargetError, markFinding } from '../../../src/core/findings/mark.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { editFindingNote, listFindings, moveFinding, removeFinding } from '../../../src/core/findings/store.js';
import { openIndex } from '../../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

/** Three events an hour apart: evt-a 08:00, evt-b 09:00, evt-c 10:00. */
async function threeEvents() {
  scratch = makeScratch('keytrail-findings-');
  scratch.write('logs.json', recordsFile(['a', 'b', 'c'].map((name, index) => kmsEvent({
    eventID: `evt-${name}`, eventTime: `2026-11-20T${String(8 + index).padStart(2, '0')}:00:00Z`, requestID: `req-${name}`,
  }))));
  return (await scratch.index()).db;
}

const mark = (db: Parameters<typeof markFinding>[0], reference: string, note = '') =>
  markFinding(db, { kind: 'event', reference }, note, DEFAULT_SOURCES);

describe('findings', () => {
  it('list in the time order of their evidence, whatever order they were marked in', async () => {
    const db = await threeEvents();
    mark(db, 'evt-c');
    mark(db, 'evt-a');
    mark(db, 'evt-b');
    expect(listFindings(db).map((finding) => finding.reference)).toEqual(['evt-a', 'evt-b', 'evt-c']);
  });

  it('can be reordered, edited and removed, and a removed id is never reused', async () => {
    const db = await threeEvents();
    const [a, b, c] = ['evt-a', 'evt-b', 'evt-c'].map((id) => mark(db, id, `note ${id}`));
    expect(moveFinding(db, c!.id, a!.id)).toBe(true);
    expect(listFindings(db).map((finding) => finding.id)).toEqual([c!.id, a!.id, b!.id]);
    expect(moveFinding(db, c!.id, null)).toBe(true);
    expect(listFindings(db).map((finding) => finding.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(editFindingNote(db, b!.id, 'the key left the account')).toBe(true);
    expect(listFindings(db)[1]!.note).toBe('the key left the account');
    expect(removeFinding(db, c!.id)).toBe(true);
    expect(removeFinding(db, c!.id)).toBe(false);
    expect(moveFinding(db, a!.id, 999)).toBe(false);
    expect(mark(db, 'evt-c').id).toBeGreaterThan(c!.id);
  });

  it('survive closing and reopening the index, and read-only readers see them', async () => {
    const db = await threeEvents();
    mark(db, 'evt-b', 'before the restart');
    db.close();
    const reopened = openIndex(scratch.dbPath, { readonly: true });
    expect(listFindings(reopened).map((finding) => finding.note)).toEqual(['before the restart']);
    reopened.close();
  });

  it('refuse a target that is not in the index, and show filter errors where they are', async () => {
    const db = await threeEvents();
    expect(() => mark(db, 'evt-nope')).toThrow(FindingTargetError);
    expect(() => markFinding(db, { kind: 'filter', reference: 'principle:alice' }, '', DEFAULT_SOURCES)).toThrow(FilterSyntaxError);
    // A rule name or a mistyped hit id was never a hit here: say so and where the ids are, not "no longer fires".
    expect(() => markFinding(db, { kind: 'hit', reference: 'data-key-volume' }, '', DEFAULT_SOURCES))
      .toThrow('no detection hit "data-key-volume" in this index: `keytrail detect` lists the hits with their ids (rule:hash)');
    // A source the build lacks is named, never taken for "no events".
    expect(() => markFinding(db, { kind: 'chain', reference: 'evt-a' }, '', {})).toThrow(/not available/);
    expect(listFindings(db)).toEqual([]);
  });

  it('store an event by its uid and a filter with its ages pinned to UTC times', async () => {
    const db = await threeEvents();
    const now = Date.UTC(2026, 10, 20, 12, 0, 0);
    const filter = markFinding(db, { kind: 'filter', reference: 'event:Decrypt since:3h until:1h' }, 'two hours', DEFAULT_SOURCES, now);
    expect(filter.reference).toBe('event:Decrypt since:2026-11-20T09:00:00.000Z until:2026-11-20T10:59:59.999Z');
    expect(filter.evidenceTime).toBe(Date.UTC(2026, 10, 20, 9, 0, 0));
  });
});
