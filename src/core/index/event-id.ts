import { hash } from 'node:crypto';

/** A 52-bit hash (exact in a JS number and a SQLite integer) of a string. One-shot `hash()`: half the cost of createHash per call. */
export function hash52(text: string): number {
  return parseInt(hash('sha1', text, 'hex').slice(0, 13), 16);
}

/** What events_by_request holds for a request id: matching ignores case, as every filter term does. */
export function requestHash(requestId: string): number {
  return hash52(requestId.toLowerCase());
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
