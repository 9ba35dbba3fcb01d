import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeferredIndexes, type IndexDb } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { parseFilter } from '../../../src/core/query/filter-parse.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { facetCounts, countMatches } from '../../../src/core/query/facets.js';
import { pageKeys } from '../../../src/core/query/page.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
let db: IndexDb;
const NOW = Date.parse('2026-11-21T12:00:00Z');

function event(id: string, minute: number, extra: Record<string, unknown> = {}) {
  return kmsEvent({ eventID: id, requestID: `r-${id}`, eventTime: new Date(NOW - minute * 60_000).toISOString(), ...extra });
}
const bob = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/Bob', accountId: '111122223333' };

beforeAll(async () => {
  scratch = makeScratch();
  scratch.write('a.json', recordsFile([
    event('recent-fail', 30, { errorCode: 'AccessDenied', sourceIPAddress: '203.0.113.66' }),
    event('old-ok', 300, { eventName: 'GenerateDataKey', sourceIPAddress: '198.51.100.7' }),
    event('bob-ctx', 60, { userIdentity: bob, requestParameters: { keyId: 'alias/other', encryptionContext: { customerId: 'cust-98765', purpose: 'backup' } }, resources: [] }),
    event('bob-old', 2000, { userIdentity: bob, eventName: 'Encrypt', errorCode: 'KMSInvalidStateException' }),
  ]));
  ({ db } = await scratch.index());
});
afterAll(() => scratch.cleanup());

const find = (filter: string) => [...iterateEvents(db, compileFilter(db, filter, { now: NOW }))].map((row) => row.uid);

describe('the filter language', () => {
  it('combines terms with AND, commas with OR, and `-` to exclude', () => {
    expect(find('event:Decrypt,GenerateDataKey')).toEqual(['recent-fail', 'bob-ctx', 'old-ok']);
    expect(find('event:Decrypt principal:*bob*')).toEqual(['bob-ctx']);
    expect(find('-principal:bob')).toEqual(['recent-fail', 'old-ok']);
  });

  it('finds events by request id: exact ids, wildcards, lists that mix both, and exclusions', () => {
    expect(find('request:r-bob-ctx')).toEqual(['bob-ctx']);
    expect(find('request:R-BOB-CTX')).toEqual(['bob-ctx']);
    expect(find('request:r-bob-*')).toEqual(['bob-ctx', 'bob-old']);
    expect(find('request:r-old-ok,r-bob-o*')).toEqual(['old-ok', 'bob-old']);
    expect(find('-request:r-recent-fail,r-bob-ctx')).toEqual(['old-ok', 'bob-old']);
    expect(find('request:r-nobody')).toEqual([]);
    expect(countMatches(db, compileFilter(db, 'request:r-bob-* event:Encrypt', { now: NOW }))).toBe(1);
  });

  it('finds a request id through its index once the scan is done, and by reading the rows before that', () => {
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT seq FROM events WHERE request_hash = 1 AND request_id = 'r'").all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('\n')).toContain('events_by_request');
    db.exec('DROP INDEX events_by_request');
    try {
      expect(find('request:r-bob-ctx')).toEqual(['bob-ctx']);
    } finally {
      buildDeferredIndexes(db);
    }
  });

  it('matches principals by wildcard or by their last part, ignoring case', () => {
    expect(find('principal:*BOB*')).toEqual(['bob-ctx', 'bob-old']);
    expect(find('principal:user/bob')).toEqual(['bob-ctx', 'bob-old']);
  });

  it('matches any error with error:* and errors by prefix', () => {
    expect(find('error:*')).toEqual(['recent-fail', 'bob-old']);
    expect(find('error:KMS*')).toEqual(['bob-old']);
  });

  it('matches source IPs by CIDR range', () => {
    expect(find('ip:203.0.113.0/24')).toEqual(['recent-fail']);
    expect(find('ip:198.51.100.0/24')).toEqual(['bob-ctx', 'old-ok', 'bob-old']);
    expect(find('ip:10.0.0.0/8,203.0.113.66')).toEqual(['recent-fail']);
  });

  it('bounds time by age and by UTC time', () => {
    expect(find('since:2h')).toEqual(['recent-fail', 'bob-ctx']);
    expect(find('until:2026-11-21T06:59Z')).toEqual(['bob-old']);
    expect(find('until:2026-11-21T07:00Z')).toEqual(['old-ok', 'bob-old']);
    expect(find('since:2026-11-21T06:00Z until:2026-11-21T10:30Z')).toEqual(['old-ok']);
  });

  it('finds an encryption-context value, and a bare word anywhere', () => {
    expect(find('ctx:customerId=cust-98765')).toEqual(['bob-ctx']);
    expect(find('ctx:customerId=*')).toEqual(['bob-ctx']);
    expect(find('98765')).toEqual(['bob-ctx']);
  });

  it('points at the offending term instead of swallowing it', () => {
    const parsed = parseFilter('event:Decrypt colour:red principal:');
    expect(parsed.errors.map((error) => [error.message.split(';')[0], error.start])).toEqual([['unknown field "colour"', 14], ['principal: needs a value, e.g. principal:*alice*', 25]]);
    const compiled = compileFilter(db, 'since:yesterday ip:300.1.1.1/8', { now: NOW });
    expect(compiled.errors.map((error) => error.start)).toEqual([0, 16]);
    expect(find('since:yesterday')).toEqual([]);
  });

  it('says why a filter matches nothing and what to type instead', () => {
    const notes = (text: string) => (compileFilter(db, text, { now: NOW }).notes ?? []).map((note) => note.message);
    expect(notes('principal:bo')).toEqual(['principal:bo matches no principal in this index; values match whole (case aside): for a part, principal:*bo*']);
    expect(notes('key:alias/nope')).toEqual(['key:alias/nope names no key, alias or key id in this index']);
    expect(notes('zzzz-nothing')).toEqual(['no value of any kind contains "zzzz-nothing"']);
    expect(notes('since:2026-11-21T10:00Z until:2026-11-21T09:00Z')).toEqual(['the since: bound is at or after the until: bound, so no time is left between them']);
    // A term that matches, and an exclusion of nothing, need no note.
    expect(notes('principal:*bo* -principal:bo')).toEqual([]);
  });

  it('refuses a negated time bound and a date that is not a day, instead of answering something else', () => {
    const negated = compileFilter(db, 'event:Decrypt -since:2026-11-21T06:00Z', { now: NOW });
    expect(negated.errors.map((error) => [error.message, error.start])).toEqual([['-since: a time bound cannot be negated; write until: for the other side', 14]]);
    expect(compileFilter(db, '-until:2h', { now: NOW }).errors[0]?.message).toContain('write since:');
    for (const day of ['2026-11-31', '2026-02-29T00:00Z', '2026-13-01', '2026-00-10']) {
      expect(compileFilter(db, `until:${day}`, { now: NOW }).errors[0]?.message, day).toContain('is not a day of the calendar');
    }
    expect(compileFilter(db, 'until:2028-02-29', { now: NOW }).errors).toEqual([]);
  });

  it('pages by key in both directions without gaps or repeats', () => {
    const filter = compileFilter(db, '', { now: NOW });
    const first = pageKeys(db, filter, { limit: 2, direction: 'older' });
    const second = pageKeys(db, filter, { limit: 2, direction: 'older', cursor: first[1] });
    const back = pageKeys(db, filter, { limit: 2, direction: 'newer', cursor: second[0] });
    expect([...first, ...second].map((key) => key.seq)).toHaveLength(4);
    expect(new Set([...first, ...second].map((key) => key.seq)).size).toBe(4);
    expect(back).toEqual(first);
  });

  it('counts values under a filter for facets', () => {
    const filter = compileFilter(db, 'principal:*bob*', { now: NOW });
    expect(facetCounts(db, filter, 'event')).toEqual([{ value: 'Decrypt', count: 1 }, { value: 'Encrypt', count: 1 }]);
    expect(countMatches(db, filter)).toBe(2);
    expect(facetCounts(db, compileFilter(db, ''), 'principal').map((facet) => facet.count)).toEqual([2, 2]);
  });

  it('counts each matching event once, whether one term, a time span, a second term or several values select it', () => {
    const count = (text: string) => countMatches(db, compileFilter(db, text, { now: NOW }));
    const facet = (text: string, kind: 'event' | 'ip' | 'ctx') => facetCounts(db, compileFilter(db, text, { now: NOW }), kind);
    expect(count('event:Decrypt')).toBe(2);
    expect(count('event:Decrypt since:45m')).toBe(1);
    expect(count('event:Decrypt principal:*bob*')).toBe(1);
    expect(facet('event:Decrypt', 'ip')).toEqual([{ value: '198.51.100.7', count: 1 }, { value: '203.0.113.66', count: 1 }]);
    expect(facet('event:Decrypt since:45m', 'ip')).toEqual([{ value: '203.0.113.66', count: 1 }]);
    expect(facet('event:Decrypt principal:*bob*', 'ctx')).toEqual([{ value: 'customerId=cust-98765', count: 1 }, { value: 'purpose=backup', count: 1 }]);
    expect(count('ip:198.51.100.7,203.0.113.66 -event:GenerateDataKey')).toBe(3);
    // bob-ctx carries both values ctx:* stands for: still one event.
    expect(count('ctx:*')).toBe(1);
    expect(facet('ctx:*', 'event')).toEqual([{ value: 'Decrypt', count: 1 }]);
    expect(facet('event:Decrypt,Encrypt', 'event')).toEqual([{ value: 'Decrypt', count: 2 }, { value: 'Encrypt', count: 1 }]);
  });
});

describe('filter values with commas', () => {
  it('keeps a comma inside quotes as part of the value, and splits on the others', () => {
    const parsed = parseFilter('principal:"arn:aws:iam::1:user/a,b",other event:Decrypt,Encrypt');
    expect(parsed.terms.map((term) => term.values)).toEqual([['arn:aws:iam::1:user/a,b', 'other'], ['Decrypt', 'Encrypt']]);
  });
});
