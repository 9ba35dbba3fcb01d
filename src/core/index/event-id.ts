import { hash } from 'node:crypto';

/** A 52-bit hash (exact in a JS number and a SQLite integer) of a string. One-shot `hash()`: half the cost of createHash per call. */
export function hash52(text: string): number {
  return parseInt(hash('sha1', text, 'hex').slice(0, 13), 16);
}

/** What events_by_request holds for a request id: matching ignores case, as every filter term does. */
export function requestHash(requestId: string): number {
  return hash52(requestId.toLowerCase());
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * How an event or request id is stored: a lowercase UUID (what CloudTrail and KMS write) as its
 * 16 bytes rather than 36 characters of text, anything else as given. `unpackedIdSql` reads it back.
 */
export function packedId(id: string): string | Buffer {
  return CANONICAL_UUID.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex') : id;
}

/** SQL giving back the text of a column written with `packedId` (fixed column names only). */
export function unpackedIdSql(column: string): string {
  const hex = (from: number, length: number) => `substr(hex(${column}), ${from}, ${length})`;
  return `CASE WHEN typeof(${column}) = 'blob' THEN lower(${hex(1, 8)} || '-' || ${hex(9, 4)} || '-' || ${hex(13, 4)} || '-' || ${hex(17, 4)} || '-' || ${hex(21, 12)}) ELSE ${column} END`;
}

/** The eventID part of a uid: `X~1a2b3c4d` -> `X`. */
export function eventIdOfUid(uid: string): string {
  const tilde = uid.indexOf('~');
  return tilde < 0 ? uid : uid.slice(0, tilde);
}

/** The uid of the second and later different events that reuse an eventID. */
export function variantUid(eventId: string, fingerprint: number): string {
  return `${eventId}~${fingerprint.toString(16).padStart(13, '0').slice(0, 8)}`;
}
