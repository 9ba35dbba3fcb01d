import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexDb } from '../../../src/core/index/open.js';
import { facetCounts } from '../../../src/core/query/facets.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
let db: IndexDb;
const T = Date.parse('2026-11-21T00:00:00Z');
const HOUR = 3_600_000;
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555';

/**
 * Ten events an hour apart. Event n is a Decrypt unless n is 3 or 7 (Encrypt); its context names tenant
 * t(n % 4), so under event:Decrypt tenant t0 has 3 events (0, 4, 8), t1 3 (1, 5, 9), t2 2 (2, 6), t3 none.
 */
beforeAll(async () => {
  scratch = makeScratch('keytrail-facets-');
  scratch.write('a.json', recordsFile(Array.from({ length: 10 }, (_, n) => kmsEvent({
    eventID: `ev-${n}`, eventTime: new Date(T + n * HOUR).toISOString(), eventName: n === 3 || n === 7 ? 'Encrypt' : 'Decrypt',
    requestParameters: { keyId: KEY, encryptionContext: { tenant: `t${n % 4}` } },
  }))));
  ({ db } = await scratch.index());
});
afterAll(() => scratch.cleanup());

describe('facet counts of a kind only entity rows carry', () => {
  it('count only the events the filter matches, most first, ties by value', () => {
    expect(facetCounts(db, compileFilter(db, 'event:Decrypt'), 'ctx', 10))
      .toEqual([{ value: 'tenant=t0', count: 3 }, { value: 'tenant=t1', count: 3 }, { value: 'tenant=t2', count: 2 }]);
    expect(facetCounts(db, compileFilter(db, 'event:Encrypt'), 'ctx', 10)).toEqual([{ value: 'tenant=t3', count: 2 }]);
  });

  it('cut at the limit after ordering ties by value', () => {
    expect(facetCounts(db, compileFilter(db, 'event:Decrypt'), 'ctx', 1)).toEqual([{ value: 'tenant=t0', count: 3 }]);
  });

  it('count only within the filter\'s time span', () => {
    // Hours 4 to 8 (until is exclusive): Decrypts 4, 5, 6 -> t0, t1, t2 once each.
    const filter = { ...compileFilter(db, 'event:Decrypt'), since: T + 4 * HOUR, until: T + 7 * HOUR };
    expect(facetCounts(db, filter, 'ctx', 10))
      .toEqual([{ value: 'tenant=t0', count: 1 }, { value: 'tenant=t1', count: 1 }, { value: 'tenant=t2', count: 1 }]);
  });
});
