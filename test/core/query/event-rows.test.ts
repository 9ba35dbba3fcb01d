import { afterEach, describe, expect, it } from 'vitest';
import { openIndex } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { TextLookup } from '../../../src/core/query/text-lookup.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const bob = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333' };

describe('event rows as lists and exports read them', () => {
  it('a reader kept open names the rows written after its first read, with their new texts', async () => {
    scratch = makeScratch('keytrail-rows-');
    scratch.write('a.json', recordsFile([kmsEvent({ eventID: 'first', requestID: 'r-1' })]));
    await scratch.index({ final: false });
    const reader = openIndex(scratch.dbPath, { readonly: true });
    try {
      expect([...iterateEvents(reader, compileFilter(reader, ''))].map((row) => row.principal)).toEqual(['arn:aws:iam::111122223333:user/alice']);
      scratch.write('b.json', recordsFile([kmsEvent({
        eventID: 'second', requestID: 'r-2', eventTime: '2026-11-20T11:00:00Z', userIdentity: bob, eventName: 'GenerateDataKey',
        sourceIPAddress: '203.0.113.9', userAgent: 'boto3/1.35', errorCode: 'AccessDenied', errorMessage: 'not <allowed>',
      })]));
      await scratch.index({ final: false });
      const [newest, oldest] = [...iterateEvents(reader, compileFilter(reader, ''))];
      expect(newest).toMatchObject({
        eventID: 'second', principal: bob.arn, eventName: 'GenerateDataKey', sourceIPAddress: '203.0.113.9', userAgent: 'boto3/1.35',
        errorCode: 'AccessDenied', errorMessage: 'not <allowed>', requestID: 'r-2', files: ['b.json'],
      });
      expect(oldest).toMatchObject({ eventID: 'first', principal: 'arn:aws:iam::111122223333:user/alice', eventName: 'Decrypt', files: ['a.json'] });
    } finally {
      reader.close();
    }
  });

  it('an eventID that looks like the id keytrail gives a record without one is still its eventID', async () => {
    scratch = makeScratch('keytrail-rows-');
    const { eventID: _none, ...withoutId } = kmsEvent({ eventID: 'dropped', eventTime: '2026-11-20T09:00:00Z' });
    scratch.write('a.json', recordsFile([kmsEvent({ eventID: 'nid-from-the-log', eventTime: '2026-11-20T10:00:00Z' }), withoutId]));
    const { db } = await scratch.index();
    const rows = [...iterateEvents(db, compileFilter(db, ''))];
    expect(rows.map((row) => row.eventID)).toEqual(['nid-from-the-log', null]);
    expect(rows[1]!.uid).toMatch(/^nid-[0-9a-f]{32}$/);
  });

  it('a lookup that starts over at its bound still names every text of the rows at hand', async () => {
    scratch = makeScratch('keytrail-rows-');
    scratch.write('a.json', recordsFile([kmsEvent({ eventID: 'one', requestID: 'r-1' })]));
    const { db } = await scratch.index();
    const ids = db.prepare('SELECT id, text FROM texts ORDER BY id').raw().all() as Array<[number, string]>;
    expect(ids.length).toBeGreaterThan(4);
    const lookup = new TextLookup(db, 3);
    lookup.load([ids[0]![0], ids[1]![0], ids[2]![0]]);
    // Full: it starts over, and the id it already held is read again with the new one.
    lookup.load([ids[0]![0], ids[3]![0]]);
    expect([lookup.text(ids[0]![0]), lookup.text(ids[3]![0])]).toEqual([ids[0]![1], ids[3]![1]]);
  });
});
