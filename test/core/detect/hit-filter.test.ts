import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../src/core/detect/engine.js';
import { filterToAthena } from '../../../src/core/athena/filter-query.js';
import { countMatches } from '../../../src/core/query/facets.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { background, buildIndex, config, DAY, event, hitsOf, HOUR, repeat, T0, user, type TestIndex } from './helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY + 3 * HOUR;

describe('the hit:ID filter', () => {
  it('matches exactly the events behind a hit, so every view of them (pages, counts, Athena) agrees', async () => {
    const burst = repeat(12, at, 20_000, (time, n) => event({ name: 'Decrypt', time, identity: user('mallory'), ip: n % 2 ? '203.0.113.66' : '203.0.113.67', error: 'AccessDeniedException' }));
    const bystander = event({ name: 'Decrypt', time: at + 60_000, identity: user('alice'), ip: '198.51.100.10' });
    index = await buildIndex({ 'base.jsonl': background(), 'burst.jsonl': [...burst, bystander] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'decrypt-failure-burst');
    const filter = compileFilter(index.db, `hit:${hit!.id}`);
    expect(filter.errors).toEqual([]);
    expect([...iterateEvents(index.db, filter)].map((row) => row.uid).sort()).toEqual([...hit!.eventIDs].sort());
    expect(countMatches(index.db, filter)).toBe(12);
    expect(countMatches(index.db, compileFilter(index.db, `hit:${hit!.id} ip:203.0.113.66`))).toBe(6);
    expect(filterToAthena(`hit:${hit!.id}`, { db: index.db })).toContain(`eventid IN ('${burst[0]!.eventID}'`);
  });

  it('names an unknown hit where it stands in the filter', async () => {
    index = await buildIndex({ 'base.jsonl': background() });
    runDetections(index.db, config());
    const filter = compileFilter(index.db, 'event:Decrypt hit:key-deletion:0000');
    expect(filter.errors).toEqual([{ message: 'hit: no detection hit "key-deletion:0000" in this index (see keytrail detect)', start: 14, end: 35 }]);
  });
});
