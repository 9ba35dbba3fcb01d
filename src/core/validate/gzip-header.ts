/**
 * Parses a gzip member header (RFC 1952 §2.3) so the deflate stream after it can be
 * inflated raw: that is the only way to learn where the first member ends, and
 * the AWS CLI's validator treats anything after it as tampering.
 */

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

export function startsWithGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export type GzipHeader = { length: number } | { error: string };

/** Length of the header at the start of `head`, or why it is not a usable header. */
export function parseGzipHeader(head: Buffer): GzipHeader {
  if (head.length < 10) return { error: 'gzip header is truncated' };
  if (head[2] !== 8) return { error: 'gzip member does not use deflate compression' };
  const flags = head[3] ?? 0;
  if (flags & RESERVED) return { error: 'gzip header has reserved flag bits set' };
  let offset = 10;
  if (flags & FEXTRA) {
    if (head.length < offset + 2) return { error: 'gzip header is truncated' };
    offset += 2 + head.readUInt16LE(offset);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = head.indexOf(0, offset);
    if (end < 0) return { error: 'gzip header is truncated or too long' };
    offset = end + 1;
  }
  if (flags & FHCRC) offset += 2;
  return offset <= head.length ? { length: offset } : { error: 'gzip header is truncated or too long' };
}
