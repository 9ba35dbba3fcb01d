import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexDb } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { pageKeys, type Cursor } from '../../../src/core/query/page.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
let db: IndexDb;
const START = Date.parse('2026-11-20T00:00:00Z');

/**
 * Errors of three codes: AccessDenied mostly on other calls, Throttling on both,
 * InvalidCiphertext only on Decrypt. `event:Decrypt error:*` reads several error ranges
 * in which most rows fail the other term.
 */
function events(): Array<Record<string, unknown>> {
  return Array.from({ length: 600 }, (_, i) => {
    const errorCode = ['AccessDenied', 'ThrottlingException', 'InvalidCiphertextException', null][i % 4];
    const decrypt = errorCode === 'InvalidCiphertextException' || (errorCode === 'ThrottlingException' && i % 3 === 0) || (errorCode === 'AccessDenied' && i % 50 === 0);
    return kmsEvent({
      eventID: `e-${i}`, requestID: `r-${i}`, eventTime: new Date(START + i * 60_000).toISOString(),
      eventName: decrypt || errorCode === null ? 'Decrypt' : 'DescribeKey', ...(errorCode ? { errorCode } : {}),
    });
  });
}

beforeAll(async () => {
  scratch = makeScratch();
  scratch.write('a.json', recordsFile(events()));
  ({ db } = await scratch.index());
});
afterAll(() => scratch.cleanup());

/** Every page from one end to the other, as a responder scrolls. */
function walk(filterText: string, direction: 'older' | 'newer'): number[] {
  const filter = compileFilter(db, filterText);
  const seqs: number[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = pageKeys(db, filter, { limit: 7, direction, cursor });
    if (page.length === 0) return seqs;
    // A page reads newest first either way; scrolling up continues from its newest key.
    const inOrder = direction === 'older' ? page : [...page].reverse();
    seqs.push(...inOrder.map((key) => key.seq));
    cursor = inOrder[inOrder.length - 1];
  }
}

describe('pages over several values of one term', () => {
  it('list every Decrypt failure once, newest first and back, though most errors are on other calls', () => {
    const expected = db.prepare("SELECT seq FROM events WHERE name = 'Decrypt' AND error_code IS NOT NULL ORDER BY time DESC, seq DESC")
      .pluck().all() as number[];
    expect(expected.length).toBeGreaterThan(100);
    expect(walk('event:Decrypt error:*', 'older')).toEqual(expected);
    expect(walk('event:Decrypt error:*', 'newer')).toEqual([...expected].reverse());
  });
});
