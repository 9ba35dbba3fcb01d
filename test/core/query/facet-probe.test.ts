import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexDb } from '../../../src/core/index/open.js';
import { ProbedFacet } from '../../../src/core/query/facet-probe.js';
import { facetCounts, type FacetValue } from '../../../src/core/query/facets.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { matchingSeqsSql } from '../../../src/core/query/match-sql.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
let db: IndexDb;
const T = Date.parse('2026-11-21T00:00:00Z');
const HOUR = 3_600_000;

/** Twelve events an hour apart: tenants t0-t4 in turn, every third also names a project; every fourth is an Encrypt. */
function events() {
  return Array.from({ length: 12 }, (_, index) => kmsEvent({
    eventID: `ev-${index}`, requestID: `r-${index}`, eventTime: new Date(T + index * HOUR).toISOString(),
    eventName: index % 4 === 3 ? 'Encrypt' : 'Decrypt',
    requestParameters: {
      keyId: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555',
      encryptionContext: { tenant: `t${index % 5}`, ...(index % 3 === 0 ? { project: 'apollo' } : {}) },
    },
  }));
}

beforeAll(async () => {
  scratch = makeScratch('keytrail-probe-');
  scratch.write('a.json', recordsFile(events()));
  ({ db } = await scratch.index());
});
afterAll(() => scratch.cleanup());

function probeAll(probe: ProbedFacet, chunk: number, since: number | null, until: number | null): FacetValue[] {
  const found: FacetValue[] = [];
  let after: string | null = null;
  do {
    const step = probe.probe(after, chunk, since, until);
    found.push(...step.values);
    after = step.last;
  } while (after !== null);
  return found.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

describe('a facet counted in steps (values only entity rows carry)', () => {
  it('gives the counts of one whole count, however the values are chunked and the matches collected', () => {
    const filter = compileFilter(db, 'event:Decrypt');
    const whole = facetCounts(db, filter, 'ctx', 100);
    expect(whole.length).toBeGreaterThan(4);
    for (const chunk of [1, 2, 3, 100]) {
      const probe = new ProbedFacet(db, 'ctx');
      // Collected in two time slices, as the workbench collects them.
      probe.collect({ ...filter, until: T + 6 * HOUR });
      probe.collect({ ...filter, since: T + 6 * HOUR });
      expect(probeAll(probe, chunk, null, null), `chunks of ${chunk}`).toEqual(whole);
    }
  });

  it('counts within a span only the matches inside it, and starts over after clear()', () => {
    const filter = compileFilter(db, 'event:Decrypt');
    const probe = new ProbedFacet(db, 'ctx');
    probe.collect(filter);
    const firstHalf = probeAll(probe, 2, null, T + 6 * HOUR);
    expect(firstHalf).toEqual(facetCounts(db, { ...filter, until: T + 6 * HOUR }, 'ctx', 100));
    probe.clear();
    expect(probeAll(probe, 2, null, null)).toEqual([]);
  });

  it('keeps apart the matches of two counts in progress on one connection, as the workbench interleaves them', () => {
    const decrypts = new ProbedFacet(db, 'ctx');
    const encrypts = new ProbedFacet(db, 'ctx');
    decrypts.collect(compileFilter(db, 'event:Decrypt'));
    encrypts.collect(compileFilter(db, 'event:Encrypt'));
    expect(probeAll(encrypts, 100, null, null)).toEqual(facetCounts(db, compileFilter(db, 'event:Encrypt'), 'ctx', 100));
    expect(probeAll(decrypts, 100, null, null)).toEqual(facetCounts(db, compileFilter(db, 'event:Decrypt'), 'ctx', 100));
    expect(probeAll(encrypts, 100, null, null)).not.toEqual(probeAll(decrypts, 100, null, null));
  });

  it('counts what a plain SQL count of the kind\'s rows among the matching events counts', () => {
    for (const text of ['event:Decrypt', '-event:Decrypt', 'ctx:tenant=t1', `event:Decrypt since:${new Date(T + 3 * HOUR).toISOString()}`, 'event:Nothing']) {
      const filter = compileFilter(db, text);
      const matching = matchingSeqsSql(filter);
      const plain = filter.matchesNothing ? [] : db.prepare(`SELECT v.value AS value, count(*) AS count FROM entities y JOIN entity_values v ON v.id = y.value_id
        WHERE v.kind = 'ctx' AND y.seq IN (SELECT seq FROM (${matching.sql})) GROUP BY v.id ORDER BY count DESC, value`).all(...matching.params);
      expect(facetCounts(db, filter, 'ctx', 100), text).toEqual(plain);
    }
  });
});
