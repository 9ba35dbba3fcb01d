import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { packedId, unpackedIdSql } from '../../../src/core/index/event-id.js';

describe('ids stored packed', () => {
  const db = new Database(':memory:');
  const roundTrip = (id: string) => db.prepare(`SELECT ${unpackedIdSql('stored')} FROM (SELECT ? AS stored)`).pluck().get(packedId(id));

  it('keeps a lowercase UUID in 16 bytes and reads it back as the same text', () => {
    const id = '0b2f74df-8ba2-4923-ace0-1f2e3d4c5b6a';
    expect(Buffer.isBuffer(packedId(id)) && (packedId(id) as Buffer).length).toBe(16);
    expect(roundTrip(id)).toBe(id);
  });

  it('keeps any other id as given: upper case, a variant uid, a content id, a hostile text', () => {
    for (const id of ['0B2F74DF-8BA2-4923-ACE0-1F2E3D4C5B6A', '0b2f74df-8ba2-4923-ace0-1f2e3d4c5b6a~1a2b3c4d', 'nid-abc', "x'); DROP TABLE t; --", '']) {
      expect(packedId(id)).toBe(id);
      expect(roundTrip(id)).toBe(id);
    }
  });
});
