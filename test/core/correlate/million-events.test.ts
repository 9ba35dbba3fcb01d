import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFor } from '../../../src/core/correlate/chain.js';
import { eventHash } from '../../../src/core/index/event-id.js';
import { compressRawBlock } from '../../../src/core/index/raw-store.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { copyInto, makeScratch, type Scratch } from '../../helpers/temp-index.js';

const EVENTS = 1_000_000;
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-west-2:111122223333:key/${KEY_ID}`;
const SEED_TIME = Date.UTC(2014, 10, 5, 21, 35, 27);
/** What every bulk event shares with seed 000 (or with each other): facets, never links. */
const SHARED = [
  ['key', KEY_ARN],
  ['principal', 'arn:aws:iam::111122223333:user/Alice'],
  ['role', 'arn:aws:iam::111122223333:role/aws:ec2-infrastructure'],
  ['ip', '192.0.2.0'],
  ['event', 'Decrypt'],
] as const;

/**
 * A million Decrypts on seed 000's key, around seed 000's time, written straight into the
 * tables (one INSERT ... SELECT per table, seconds) rather than parsed: a chain reads the index,
 * not the logs, and the events must exist for a wrong chain to be able to include them.
 */
function addBulkDecrypts(db: IndexDb, count: number): void {
  const raw = JSON.stringify({ eventName: 'Decrypt', eventSource: 'kms.amazonaws.com', userIdentity: { type: 'IAMUser', arn: SHARED[1][1] },
    requestParameters: { keyId: KEY_ID }, eventID: 'bulk' });
  db.transaction(() => {
    const file = db.prepare("INSERT INTO files (path, status, kind) VALUES ('bulk.jsonl', 'done', 'jsonl')").run().lastInsertRowid;
    const block = db.prepare('INSERT INTO raw_blocks (data) VALUES (?)').run(compressRawBlock(Buffer.from(raw))).lastInsertRowid;
    const text = (value: string) => db.prepare('INSERT INTO texts (text) VALUES (?) RETURNING id').pluck().get(value);
    db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO event_rows (uid, event_hash, fingerprint, time, name_id, source_id, principal_id, kind_id, actor_id, key_ref_id, file_id, position, raw_block, raw_offset, raw_length)
      SELECT printf('bulk-%07d', i), i, 0, ? + (i - ?) * 20, ?, ?, ?, ?, ?, ?, ?, i, ?, 0, ? FROM n`)
      .run(count, SEED_TIME, count / 2, text('Decrypt'), text('kms.amazonaws.com'), text(SHARED[1][1]), text('api-call'), text('human'),
        text(KEY_ARN), file, block, Buffer.byteLength(raw));
    // Bulk rows skip the writer: give the one event looked up by id its real id hash.
    db.prepare("UPDATE event_rows SET event_hash = ? WHERE uid = 'bulk-0500000'").run(eventHash('bulk-0500000'));
    for (const [kind, value] of SHARED) {
      const valueId = db.prepare('INSERT INTO entity_values (kind, value, events) VALUES (?, ?, ?)').run(kind, value, count).lastInsertRowid;
      db.prepare('INSERT INTO entities (value_id, time, seq) SELECT ?, time, seq FROM events').run(valueId);
    }
  })();
}

describe('a chain on a key used by a million events', () => {
  let scratch: Scratch;
  let db: IndexDb;

  beforeAll(async () => {
    scratch = makeScratch();
    const bulk = openIndex(scratch.dbPath);
    addBulkDecrypts(bulk, EVENTS);
    bulk.close();
    copyInto(scratch, 'test/fixtures/seeds/000-ebs-flow.json', '000.json');
    db = (await scratch.index()).db;
  });
  afterAll(() => scratch.cleanup());

  it('holds the million events on the key, the principal and the IP the chain must not follow', () => {
    const keyEvents = db.prepare("SELECT count(*) FROM entities WHERE value_id = (SELECT id FROM entity_values WHERE kind = 'key' AND value = ?)").pluck().get(KEY_ARN);
    expect(keyEvents).toBe(EVENTS + 3);
  });

  it('still gives seed 000\'s four events and its root, not the events that merely share the key', () => {
    const chain = chainFor(db, 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0')!;
    expect(chain.events.map((event) => event.eventName)).toEqual(['RunInstances', 'GenerateDataKeyWithoutPlaintext', 'CreateGrant', 'Decrypt']);
    expect(chain.root?.principal).toBe('arn:aws:iam::111122223333:user/Alice');
    expect(chain.truncated).toBe(false);
  });

  it('gives a bulk Decrypt with nothing specific a chain of itself', () => {
    const chain = chainFor(db, 'bulk-0500000')!;
    expect(chain.events.map((event) => event.uid)).toEqual(['bulk-0500000']);
  });
});
