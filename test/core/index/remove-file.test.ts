import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexDb } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const alice = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' };
const zed = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/zed' };
const event = (id: string, userIdentity: Record<string, unknown>) => kmsEvent({ eventID: id, requestID: `r-${id}`, userIdentity });
const uids = (db: IndexDb, filter = '') => [...iterateEvents(db, compileFilter(db, filter))].map((row) => row.uid).sort();

/** Entity rows whose event is gone, and values whose stored count differs from their rows. */
function strayEntities(db: IndexDb): { orphans: number; miscounted: number } {
  const orphans = db.prepare('SELECT count(*) FROM entities WHERE seq NOT IN (SELECT seq FROM event_rows)').pluck().get() as number;
  const miscounted = db.prepare(`SELECT count(*) FROM entity_values v
    WHERE v.events <> (SELECT count(*) FROM entities e WHERE e.value_id = v.id)`).pluck().get() as number;
  return { orphans, miscounted };
}

describe('taking back a replaced file', () => {
  it('removes the entities of its events even when their raw records can no longer be read', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('gone-1', alice), event('gone-2', alice)]));
    scratch.write('b.json', recordsFile([event('kept', alice)]));
    const first = await scratch.index();
    expect(uids(first.db, 'principal:alice')).toEqual(['gone-1', 'gone-2', 'kept']);
    // A damaged block: it no longer inflates, so the records cannot be normalized again.
    first.db.prepare("UPDATE raw_blocks SET data = x'00'").run();

    writeFileSync(path, recordsFile([event('new-1', zed)]));
    const { db } = await scratch.index();
    expect(uids(db)).toEqual(['kept', 'new-1']);
    expect(uids(db, 'principal:alice')).toEqual(['kept']);
    expect(strayEntities(db)).toEqual({ orphans: 0, miscounted: 0 });
    const aliceCount = db.prepare("SELECT events FROM entity_values WHERE kind = 'principal' AND value LIKE '%user/alice'").pluck().get();
    expect(aliceCount).toBe(1);
  });

  it('leaves no entity row behind when its records read back as usual', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('gone-1', alice)]));
    scratch.write('b.json', recordsFile([event('kept', alice)]));
    await scratch.index();
    writeFileSync(path, recordsFile([event('new-1', zed)]));
    const { db } = await scratch.index();
    expect(uids(db, 'principal:alice')).toEqual(['kept']);
    expect(strayEntities(db)).toEqual({ orphans: 0, miscounted: 0 });
  });
});
