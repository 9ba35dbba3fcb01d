import { isDeepStrictEqual } from 'node:util';
import { contentHash } from '../normalize/content-hash.js';
import type { NormalizedEvent } from '../normalize/types.js';
import { eventIdOfRow, unpackedIdSql } from './event-id.js';
import type { IndexDb } from './open.js';
import { RawBlockReader, type RawBlockWriter } from './raw-store.js';

/** An indexed record of one eventID, with where its raw text lies. */
export interface StoredRecord {
  seq: number;
  uid: string;
  fingerprint: number;
  fileId: number;
  block: number;
  offset: number;
  length: number;
}

/** 52 bits of a record's content hash (a fingerprint of 0 on a row: not taken yet). */
export function fingerprintOf(record: unknown, raw: string): number {
  return parseInt(contentHash(record, raw).slice(0, 13), 16);
}

function parseOrNull(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Same content, whatever the key order and spacing; a record too deep to compare is compared by its canonical hash. */
function sameContent(storedRaw: string, event: NormalizedEvent): boolean {
  const stored = parseOrNull(storedRaw);
  try {
    return isDeepStrictEqual(stored, event.record);
  } catch {
    return contentHash(stored, storedRaw) === contentHash(event.record, event.raw);
  }
}

/**
 * The records already indexed under an eventID, for telling a re-delivery (same content:
 * compared as text, then as parsed JSON) from another record that reuses the eventID.
 */
export class StoredRecords {
  /** Re-deliveries come a file at a time: their first copies lie in a few neighbouring blocks. */
  private reader: RawBlockReader;
  private readonly statements;

  constructor(private readonly db: IndexDb, private readonly open: RawBlockWriter) {
    this.reader = new RawBlockReader(db, 64);
    this.statements = {
      sameHash: db.prepare(`SELECT seq, ${unpackedIdSql('uid')} AS uid, fingerprint, file_id AS fileId, raw_block AS block, raw_offset AS offset, raw_length AS length
        FROM event_rows WHERE event_hash = ?`),
      setFingerprint: db.prepare('UPDATE event_rows SET fingerprint = ? WHERE seq = ?'),
    };
  }

  withEventId(eventId: string, eventHash: number): StoredRecord[] {
    return (this.statements.sameHash.all(eventHash) as StoredRecord[]).filter((row) => eventIdOfRow(row.uid, row.fingerprint) === eventId);
  }

  /** The stored record with the event's content, if any. */
  same(records: StoredRecord[], event: NormalizedEvent): StoredRecord | undefined {
    const stored = records.map((row) => ({ row, raw: this.rawOf(row) }));
    return (stored.find((other) => other.raw === event.raw) ?? stored.find((other) => sameContent(other.raw, event)))?.row;
  }

  /** Every record of a reused eventID gets its fingerprint, so eventID~fingerprint names each of them. */
  fingerprintAll(records: StoredRecord[]): void {
    for (const row of records) {
      if (row.fingerprint !== 0) continue;
      const raw = this.rawOf(row);
      this.statements.setFingerprint.run(fingerprintOf(parseOrNull(raw), raw), row.seq);
    }
  }

  /** Block ids of a rolled-back transaction are used again: what was read of them is stale. */
  reset(): void {
    this.reader = new RawBlockReader(this.db, 64);
  }

  private rawOf(row: StoredRecord): string {
    return this.open.readOpen(row.block, row.offset, row.length) ?? this.reader.read(row.block, row.offset, row.length) ?? '';
  }
}
