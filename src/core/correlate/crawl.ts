import type { IndexDb } from '../index/open.js';
import { text } from '../normalize/fields.js';
import type { Cursor } from '../query/page.js';
import { truncate } from '../text/fit.js';
import { linkReason } from './link-reason.js';
import type { RawEvents } from './raw-events.js';
import { namesMany, specificValues, type SpecificValue } from './specific-values.js';
import type { ChainLink, ChainOptions } from './types.js';
import { ValueScanner, type ScanBounds } from './value-scan.js';

/** A member as the crawl found it: the member it was reached from, and why. */
export interface CrawlMember {
  seq: number;
  hops: number;
  parent: number | null;
  link: ChainLink | null;
  also: ChainLink[];
}

export interface CrawlResult {
  members: Map<number, CrawlMember>;
  truncated: boolean;
}

const MAX_ALSO = 6;
/** Role sessions last at most 12 hours: the same session name later is another session. */
const SESSION_MS = 12 * 60 * 60 * 1000;

function scanBounds(value: SpecificValue, bounds: Required<ChainOptions>): ScanBounds {
  if (!value.sessionBound) return { windowMs: bounds.windowMs, perValue: bounds.perValue, probe: true };
  // A temporary key's first event is usually the AssumeRole that issued it; a session name has no such start.
  return { windowMs: Math.min(bounds.windowMs, SESSION_MS), perValue: bounds.perValue, probe: value.kind === 'accesskey' };
}

/**
 * Breadth-first from the origin over specific values only: each value is read once,
 * around the origin's time, and each new event remembers the member and value that
 * led to it. Bounded by members, hops and events per value.
 */
export function crawl(db: IndexDb, raws: RawEvents, origin: Cursor, bounds: Required<ChainOptions>): CrawlResult {
  const scanner = new ValueScanner(db);
  const members = new Map<number, CrawlMember>([[origin.seq, { seq: origin.seq, hops: 0, parent: null, link: null, also: [] }]]);
  const queue = [origin.seq];
  const followed = new Set<string>();
  let truncated = false;
  for (let next = 0; next < queue.length; next++) {
    const member = members.get(queue[next]!)!;
    if (member.hops >= bounds.maxHops) continue;
    const { entities, folded } = raws.get(member.seq);
    for (const value of specificValues(entities)) {
      const id = `${value.entityKind}\u0000${value.value}`;
      if (followed.has(id) || (folded && value.sessionBound)) continue;
      followed.add(id);
      const shared = scanner.sharing(value.entityKind, value.value, origin, scanBounds(value, bounds));
      if (!shared) continue;
      if (shared.cut) truncated = true;
      for (const cursor of shared.events) {
        if (cursor.seq === member.seq) continue;
        const existing = members.get(cursor.seq);
        if (existing) {
          noteAlso(raws, existing, member, value);
        } else if (members.size >= bounds.maxEvents) {
          truncated = true;
        } else if (!namesMany(raws.get(cursor.seq).entities, value.entityKind)) {
          members.set(cursor.seq, { seq: cursor.seq, hops: member.hops + 1, parent: member.seq, link: toLink(raws, cursor.seq, value), also: [] });
          queue.push(cursor.seq);
        }
      }
    }
  }
  return { members, truncated };
}

function toLink(raws: RawEvents, seq: number, value: SpecificValue): ChainLink {
  return { kind: value.kind, value: value.value, reason: linkReason(raws.get(seq).json, value) };
}

/** A further value an existing member shares: with its parent as is, with another member by that member's name. */
function noteAlso(raws: RawEvents, existing: CrawlMember, via: CrawlMember, value: SpecificValue): void {
  if (existing.parent === null || existing.also.length >= MAX_ALSO) return;
  const known = [existing.link, ...existing.also].some((link) => link?.kind === value.kind && link.value === value.value);
  if (known) return;
  const link = toLink(raws, existing.seq, value);
  if (via.seq !== existing.parent) link.reason += ` as ${truncate(text(raws.get(via.seq).json.eventName) ?? 'event', 48)}`;
  existing.also.push(link);
}
