import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexDb } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';
import { snapshotIndex } from '../../helpers/index-snapshot.js';

let scratch: Scratch;
let fresh: Scratch | undefined;
afterEach(() => [scratch, fresh].forEach((made) => made?.cleanup()));

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

describe('taking back what a replaced file showed about an alias', () => {
  const K1 = 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555';
  const ALIAS = 'arn:aws:kms:us-east-1:111122223333:alias/x';
  // A failed Decrypt by alias: no resources, so only what the logs show of alias/x says which key it was.
  const byAliasOnly = kmsEvent({ eventID: 'use', requestID: 'r-use', eventTime: '2026-11-20T12:00:00Z', errorCode: 'AccessDenied',
    requestParameters: { keyId: 'alias/x' }, resources: undefined });
  const createAlias = kmsEvent({ eventID: 'create', requestID: 'r-create', eventName: 'CreateAlias', eventTime: '2026-11-20T09:00:00Z', readOnly: false,
    requestParameters: { aliasName: 'alias/x', targetKeyId: K1 }, resources: [{ ARN: K1 }, { ARN: ALIAS }] });
  const seenWithKey = kmsEvent({ eventID: 'seen', requestID: 'r-seen', eventTime: '2026-11-20T09:00:00Z', requestParameters: { keyId: 'alias/x' } });
  const unrelated = kmsEvent({ eventID: 'list', requestID: 'r-list', eventName: 'ListKeys', requestParameters: null, resources: undefined });

  /** The index and alias tables of a fresh build of the same files: what an incremental one must equal. */
  async function freshSnapshot(files: Record<string, unknown[]>) {
    fresh = makeScratch();
    for (const [name, events] of Object.entries(files)) fresh.write(name, recordsFile(events));
    return withAliases((await fresh.index()).db);
  }
  const withAliases = (db: IndexDb) => ({
    index: snapshotIndex(db),
    seen: db.prepare('SELECT alias, key, first, last FROM alias_seen ORDER BY alias, key').all(),
    changes: db.prepare('SELECT alias, time, change, key FROM alias_changes ORDER BY alias, time').all(),
  });

  it.each([['a CreateAlias', createAlias], ['a sighting of the alias with its key', seenWithKey]])('%s: the alias-only call goes back under the alias', async (_what, teacher) => {
    scratch = makeScratch();
    const path = scratch.write('1-teacher.json', recordsFile([teacher]));
    scratch.write('2-use.json', recordsFile([byAliasOnly]));
    const first = await scratch.index();
    expect(uids(first.db, `key:${K1}`)).toContain('use');

    writeFileSync(path, recordsFile([unrelated]));
    const { db } = await scratch.index();
    expect(uids(db, `key:${K1}`)).not.toContain('use');
    expect(uids(db, 'key:alias/x')).toEqual(['use']);
    expect(withAliases(db)).toEqual(await freshSnapshot({ '1-teacher.json': [unrelated], '2-use.json': [byAliasOnly] }));
  });

  it('a file that holds both ends of a span, the later first, takes the whole span back', async () => {
    scratch = makeScratch();
    const later = { ...seenWithKey, eventID: 'seen-later', requestID: 'r-seen-later', eventTime: '2026-11-20T11:00:00Z' };
    const path = scratch.write('1-both.json', recordsFile([later, seenWithKey]));
    scratch.write('2-use.json', recordsFile([byAliasOnly]));
    await scratch.index();
    writeFileSync(path, recordsFile([unrelated]));
    const { db } = await scratch.index();
    expect(db.prepare('SELECT count(*) FROM alias_seen').pluck().get()).toBe(0);
    expect(withAliases(db)).toEqual(await freshSnapshot({ '1-both.json': [unrelated], '2-use.json': [byAliasOnly] }));
  });

  it('a sighting at the end of a span moves the end to the next one left', async () => {
    scratch = makeScratch();
    const later = { ...seenWithKey, eventID: 'seen-later', requestID: 'r-seen-later', eventTime: '2026-11-20T11:00:00Z' };
    scratch.write('1-seen.json', recordsFile([seenWithKey]));
    const path = scratch.write('2-seen-later.json', recordsFile([later]));
    await scratch.index();
    writeFileSync(path, recordsFile([unrelated]));
    const { db } = await scratch.index();
    expect(db.prepare('SELECT first, last FROM alias_seen WHERE alias = ?').get(ALIAS)).toEqual({ first: Date.parse('2026-11-20T09:00:00Z'), last: Date.parse('2026-11-20T09:00:00Z') });
    expect(withAliases(db)).toEqual(await freshSnapshot({ '1-seen.json': [seenWithKey], '2-seen-later.json': [unrelated] }));
  });
});
