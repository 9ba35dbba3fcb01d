import { appendFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';
import { snapshotIndex } from '../../helpers/index-snapshot.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const event = (id: string, extra: Record<string, unknown> = {}) => kmsEvent({ eventID: id, requestID: `r-${id}`, ...extra });
const uids = (scratchDb: Parameters<typeof compileFilter>[0], filter = '') => [...iterateEvents(scratchDb, compileFilter(scratchDb, filter))].map((row) => row.uid).sort();

describe('indexing again', () => {
  it('adds nothing when the directory is indexed twice', async () => {
    scratch = makeScratch();
    scratch.write('a.json.gz', recordsFile([event('a1'), event('a2')]), { gzip: true });
    scratch.write('b.jsonl', `${JSON.stringify(event('b1'))}\n`);
    scratch.write('empty.json', '');
    const first = await scratch.index();
    const before = snapshotIndex(first.db);
    const second = await scratch.index();
    expect(second.report.events).toBe(0);
    expect(second.report.skippedFiles).toBe(3);
    expect(snapshotIndex(second.db)).toEqual(before);
  });

  it('keeps one event per eventID and every file it was delivered in', async () => {
    scratch = makeScratch();
    scratch.write('org/a.json', recordsFile([event('same'), event('only-a')]));
    scratch.write('acct/b.json', recordsFile([event('same')]));
    const { db, report } = await scratch.index();
    expect(report.events).toBe(2);
    expect(report.duplicates).toBe(1);
    const row = [...iterateEvents(db, compileFilter(db, 'id:same'))][0];
    expect(row?.files.sort()).toEqual(['acct/b.json', 'org/a.json']);
  });

  it('keeps two different events that reuse one eventID (documentation examples do)', async () => {
    scratch = makeScratch();
    scratch.write('a.json', recordsFile([event('reused', { eventName: 'Encrypt' }), event('reused', { eventName: 'Decrypt', eventTime: '2026-11-20T11:00:00Z' })]));
    const { db, report } = await scratch.index();
    expect(report.events).toBe(2);
    expect([...iterateEvents(db, compileFilter(db, 'id:reused'))].map((row) => row.eventName).sort()).toEqual(['Decrypt', 'Encrypt']);
  });

  it('indexes only the new lines of a JSON Lines file that grew', async () => {
    scratch = makeScratch();
    const path = scratch.write('tail.jsonl', `${JSON.stringify(event('l1'))}\n${JSON.stringify(event('l2'))}\n`);
    await scratch.index();
    appendFileSync(path, `${JSON.stringify(event('l3'))}\n`);
    const { db, report } = await scratch.index();
    expect(report.events).toBe(1);
    expect(report.duplicates).toBe(0);
    expect(uids(db)).toEqual(['l1', 'l2', 'l3']);
  });

  it('replaces the contribution of a file rewritten with other content', async () => {
    scratch = makeScratch();
    const path = scratch.write('a.json', recordsFile([event('old1'), event('kept')]));
    scratch.write('b.json', recordsFile([event('kept')]));
    await scratch.index();
    writeFileSync(path, recordsFile([event('new1', { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/zed' } })]));
    const { db } = await scratch.index();
    expect(uids(db)).toEqual(['kept', 'new1']);
    expect(uids(db, 'principal:zed')).toEqual(['new1']);
    expect(uids(db, 'principal:alice')).toEqual(['kept']);
    const kept = [...iterateEvents(db, compileFilter(db, 'id:kept'))][0];
    expect(kept?.files).toEqual(['b.json']);
  });

  it('applies an alias learned later to events indexed before it', async () => {
    scratch = makeScratch();
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/99999999-8888-7777-6666-555555555555';
    // A call by the alias a day after its CreateAlias, in a file indexed before the CreateAlias's file.
    const byAliasOnly = event('early', { requestParameters: { keyId: 'alias/late' }, resources: undefined, eventTime: '2026-11-21T00:00:00Z' });
    scratch.write('1-early.json', recordsFile([byAliasOnly]));
    const first = await scratch.index();
    expect(uids(first.db, `key:${keyArn}`)).toEqual([]);
    scratch.write('2-alias.json', recordsFile([event('create-alias', {
      eventName: 'CreateAlias', requestParameters: { aliasName: 'alias/late', targetKeyId: keyArn }, resources: [{ ARN: keyArn }],
    })]));
    const { db } = await scratch.index();
    expect(uids(db, `key:${keyArn}`)).toEqual(['create-alias', 'early']);
    expect(uids(db, 'key:99999999-8888-7777-6666-555555555555')).toEqual(['create-alias', 'early']);
    const early = [...iterateEvents(db, compileFilter(db, 'id:early'))][0];
    expect(early?.key).toBe(keyArn);
    expect(early?.keyAliases).toEqual(['alias/late']);
  });
});

describe('event sequence numbers', () => {
  it('are never reused after a replaced file\'s events are deleted (detections rely on "newer than seq N")', async () => {
    scratch = makeScratch();
    scratch.write('a.json', recordsFile([event('a1')]));
    const path = scratch.write('b.json', recordsFile([event('b1'), event('b2')]));
    const first = await scratch.index();
    const highest = first.db.prepare('SELECT max(seq) FROM events').pluck().get() as number;
    writeFileSync(path, recordsFile([event('b3')]));
    const { db } = await scratch.index();
    const b3 = db.prepare("SELECT seq FROM events WHERE uid = 'b3'").pluck().get() as number;
    expect(b3).toBeGreaterThan(highest);
  });
});
