import { hash } from 'node:crypto';

/** A 52-bit hash (exact in a JS number and a SQLite integer) of a string. One-shot `hash()`: half the cost of createHash per call. */
export function hash52(text: string): number {
  return parseInt(hash('sha1', text, 'hex').slice(0, 13), 16);
}

/** What events_by_id holds for an eventID: finding one ignores case (`id:` as every filter term); telling re-deliveries apart does not. */
export function eventHash(eventId: string): number {
  return hash52(eventId.toLowerCase());
}

/** What events_by_request holds for a request id: matching ignores case, as every filter term does. */
export function requestHash(requestId: string): number {
  return hash52(requestId.toLowerCase());
}

/** The uid of a record without an eventID: `nid-` and 32 hex digits of its content hash. */
export function missingEventIdUid(contentHash: string): string {
  return `nid-${contentHash.slice(0, 32)}`;
}

const MISSING_EVENT_ID_UID = /^nid-[0-9a-f]{32}$/;

/**
 * Whether a uid is that of a record without an eventID. Only that exact shape: a log's own eventID
 * may start with `nid-` too (log fields are the writer's to choose), and stays its eventID.
 */
export function isMissingEventIdUid(uid: string): boolean {
  return MISSING_EVENT_ID_UID.test(uid);
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

/** The suffix a variant's uid adds to its eventID: `~` and the first 8 hex digits of its fingerprint. */
function variantSuffix(fingerprint: number): string {
  return `~${fingerprint.toString(16).padStart(13, '0').slice(0, 8)}`;
}

/** The uid of the second and later different events that reuse an eventID. */
export function variantUid(eventId: string, fingerprint: number): string {
  return `${eventId}${variantSuffix(fingerprint)}`;
}

/**
 * The eventID of a stored row. An eventID is the log's text and may hold `~` itself
 * (`evt~deadbeef`), so a uid is a variant's only when it ends with its own row's fingerprint.
 */
export function eventIdOfRow(uid: string, fingerprint: number): string {
  if (fingerprint === 0) return uid;
  const suffix = variantSuffix(fingerprint);
  return uid.endsWith(suffix) ? uid.slice(0, -suffix.length) : uid;
}

const VARIANT_ENDING = /~[0-9a-f]{8}$/i;

/** The eventIDs a typed id may name: the id itself and, when it ends like a variant's uid, the eventID before that ending. */
export function eventIdsOfTyped(id: string): string[] {
  return VARIANT_ENDING.test(id) ? [id, id.slice(0, -9)] : [id];
}
