import { afterEach, describe, expect, it } from 'vitest';
import { EventWriter, sortByValueId } from '../../../src/core/index/event-writer.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { normalizeEvent } from '../../../src/core/normalize/normalize.js';
import { makeScratch, type Scratch } from '../../helpers/temp-index.js';

describe('entity rows sorted by value id', () => {
  it('are grouped by id in ascending order, each id\'s rows in the order given, whatever the ids\' range', () => {
    // (value_id, time, seq) rows; ids past 65,536 and in the millions need both 16-bit passes.
    const ids = [5_000_000, 3, 70_000, 3, 65_536, 5_000_000, 2, 70_000, 65_535];
    const rows = ids.flatMap((id, n) => [id, 1_700_000_000_000 + n, n + 1]);
    const given = Uint32Array.from(ids.keys(), (n) => n * 3).reverse();
    const sorted = [...sortByValueId(rows, given)].map((offset) => [rows[offset], rows[offset + 2]]);
    expect(sorted).toEqual([[2, 7], [3, 4], [3, 2], [65_535, 9], [65_536, 5], [70_000, 8], [70_000, 3], [5_000_000, 6], [5_000_000, 1]]);
  });
});

describe('event columns kept once as texts', () => {
  let scratch: Scratch;
  let db: IndexDb;
  afterEach(() => {
    db.close();
    scratch.cleanup();
  });

  const eventOf = (id: string, principal: string) => {
    const record = {
      eventVersion: '1.08', eventID: id, eventTime: '2026-11-20T10:00:00Z', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt',
      awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.7', recipientAccountId: '111122223333', requestID: id.replace('0b2f', '9c3e'),
      userIdentity: { type: 'IAMUser', arn: principal, accountId: '111122223333' },
    };
    const raw = JSON.stringify(record);
    return normalizeEvent(JSON.parse(raw) as Record<string, unknown>, raw);
  };
  const principals = () => db.prepare('SELECT uid, principal, name, region FROM events ORDER BY uid').all();
  const uuid = (n: number) => `0b2f74df-8ba2-4923-ace0-1f2e3d4c5b6${n}`;
  /** A new index with a writer and one source file to attribute events to. */
  const freshWriter = () => {
    scratch = makeScratch();
    db = openIndex(scratch.dbPath);
    return { writer: new EventWriter(db), file: Number(db.prepare("INSERT INTO files (path) VALUES ('a.json')").run().lastInsertRowid) };
  };

  it('reads every column back as the record gave it, each repeated text stored once', () => {
    const { writer, file } = freshWriter();
    db.transaction(() => {
      for (const n of [1, 2, 3]) writer.write(eventOf(uuid(n), 'arn:aws:iam::111122223333:user/alice'), file, n);
      writer.flush();
    })();
    expect(principals()).toEqual([1, 2, 3].map((n) => ({ uid: uuid(n), principal: 'arn:aws:iam::111122223333:user/alice', name: 'Decrypt', region: 'us-east-1' })));
    expect(db.prepare('SELECT request_id FROM events ORDER BY seq').pluck().all()).toEqual([1, 2, 3].map((n) => uuid(n).replace('0b2f', '9c3e')));
    expect(db.prepare("SELECT count(*) FROM texts WHERE text = 'arn:aws:iam::111122223333:user/alice'").pluck().get()).toBe(1);
  });

  it('stores a text again when the file that first named it was undone', () => {
    const { writer, file } = freshWriter();
    db.transaction(() => {
      const mark = writer.mark();
      db.exec('SAVEPOINT undone');
      writer.write(eventOf('e-undone', 'arn:aws:iam::111122223333:user/mallory'), file, 1);
      db.exec('ROLLBACK TO undone');
      db.exec('RELEASE undone');
      writer.restore(mark);
      // The text's row went with the savepoint: a cache that still named it would leave this event without a principal.
      writer.write(eventOf('e-kept', 'arn:aws:iam::111122223333:user/mallory'), file, 2);
      writer.flush();
    })();
    expect(principals()).toEqual([{ uid: 'e-kept', principal: 'arn:aws:iam::111122223333:user/mallory', name: 'Decrypt', region: 'us-east-1' }]);
  });
});
