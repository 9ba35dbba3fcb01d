import { afterEach, describe, expect, it } from 'vitest';
import { EventWriter, sortByValueId } from '../../../src/core/index/event-writer.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { normalizeEvent } from '../../../src/core/normalize/normalize.js';
import { statSync } from 'node:fs';
import { decodePreparedFile, encodePreparedFile, prepareFile } from '../../../src/core/index/prepared-file.js';
import type { NormalizedEvent } from '../../../src/core/normalize/types.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

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

  /** A file as the read-ahead thread hands it over: its events name each distinct text once, by number. */
  const receivedEvents = (name: string, events: Array<Record<string, unknown>>) => {
    const path = scratch.write(name, recordsFile(events));
    const info = statSync(path);
    const prepared = decodePreparedFile(encodePreparedFile(prepareFile(path, info.size, info.mtimeMs)!));
    return prepared.items.flatMap((item) => (item.type === 'event' ? [item.event] : []));
  };

  it('names a received file\'s texts and values right after a rollback freed the ids it had been given', () => {
    const { writer, file } = freshWriter();
    const mallory = 'arn:aws:iam::111122223333:user/mallory';
    const received = receivedEvents('r.json', [uuid(1), uuid(2)].map((id) => kmsEvent({ eventID: id, requestID: id,
      userIdentity: { type: 'IAMUser', arn: mallory, accountId: '111122223333' }, sourceIPAddress: '203.0.113.99' })));
    db.transaction(() => {
      const mark = writer.mark();
      db.exec('SAVEPOINT undone');
      received.forEach((event, n) => writer.write(event, file, n));
      db.exec('ROLLBACK TO undone');
      db.exec('RELEASE undone');
      writer.restore(mark);
      // Another file takes the text ids the undone one had been given, for other texts.
      writer.write(eventOf('e-other', 'arn:aws:iam::111122223333:user/bob'), file, 10);
      received.forEach((event, n) => writer.write(event, file, n));
      writer.flush();
    })();
    expect(db.prepare('SELECT uid, principal, ip FROM events ORDER BY seq').all()).toEqual([
      { uid: 'e-other', principal: 'arn:aws:iam::111122223333:user/bob', ip: '203.0.113.7' },
      { uid: uuid(1), principal: mallory, ip: '203.0.113.99' },
      { uid: uuid(2), principal: mallory, ip: '203.0.113.99' },
    ]);
    // Each entity row names a value that exists, counted once per event.
    expect(db.prepare("SELECT kind, value, events FROM entity_values WHERE kind IN ('principal', 'ip') ORDER BY kind, value").all()).toEqual([
      { kind: 'ip', value: '203.0.113.7', events: 1 }, { kind: 'ip', value: '203.0.113.99', events: 2 },
      { kind: 'principal', value: 'arn:aws:iam::111122223333:user/bob', events: 1 }, { kind: 'principal', value: mallory, events: 2 },
    ]);
    expect(db.prepare('SELECT count(*) FROM entities WHERE value_id NOT IN (SELECT id FROM entity_values)').pluck().get()).toBe(0);
  });

  it('stores a received event as it stores the same record read here: ids, their hashes and their packed forms', () => {
    const records = [kmsEvent({ eventID: uuid(1), requestID: uuid(2) }), kmsEvent({ eventID: 'not-a-uuid', requestID: 'REQ-1' }),
      kmsEvent({ eventID: uuid(3), requestID: undefined }), kmsEvent({ eventID: undefined, requestID: uuid(4), eventName: 'Encrypt' })];
    const rows = (eventsOf: () => NormalizedEvent[]) => {
      const { writer, file } = freshWriter();
      db.transaction(() => {
        eventsOf().forEach((event, n) => writer.write(event, file, n));
        writer.flush();
      })();
      return db.prepare('SELECT uid, event_hash, quote(request_id) AS request, request_hash FROM event_rows ORDER BY seq').all();
    };
    const here = rows(() => records.map((record) => normalizeEvent(JSON.parse(JSON.stringify(record)) as Record<string, unknown>, JSON.stringify(record))));
    db.close();
    scratch.cleanup();
    const across = rows(() => receivedEvents('r.json', records));
    expect(across).toEqual(here);
    expect(here.map((row) => (row as { request: string }).request)).toEqual([
      `X'${uuid(2).replaceAll('-', '').toUpperCase()}'`, "'REQ-1'", 'NULL', `X'${uuid(4).replaceAll('-', '').toUpperCase()}'`]);
  });
});
