import type { IndexDb } from '../index/open.js';
import { text } from '../normalize/fields.js';
import type { Cursor } from '../query/page.js';
import { truncate } from '../text/fit.js';
import { linkPlace } from './link-reason.js';
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
  /** The origin, and events holding the value where it is made or handed out: the chain grows from these only. */
  grows: boolean;
}

export interface CrawlResult {
  members: Map<number, CrawlMember>;
  truncated: boolean;
}

const MAX_ALSO = 6;
/** Role sessions last at most 12 hours: the same session name later is another session. */
const SESSION_MS = 12 * 60 * 60 * 1000;

/** How far a value is read; null when it cannot lead anywhere from this member. */
function scanBounds(value: SpecificValue, bounds: Required<ChainOptions>, issuerOnly: boolean): ScanBounds | null {
  if (!value.sessionBound) return { windowMs: bounds.windowMs, perValue: bounds.perValue, probe: true };
  // A temporary key's first event is usually the AssumeRole that issued it; a session name has no such start.
  if (issuerOnly) return value.kind === 'accesskey' ? { windowMs: 0, perValue: 0, probe: true } : null;
  return { windowMs: Math.min(bounds.windowMs, SESSION_MS), perValue: bounds.perValue, probe: value.kind === 'accesskey' };
}

/**
 * Breadth-first from the origin over specific values only: each value is read once,
 * around the origin's time, and each new event remembers the member and value that
 * led to it. The chain grows on from causes (where a value is made or handed out) and
 * keeps siblings and observers as leaves, so it never drifts from one instance's
 * neighbours to another's. Bounded by members, hops and events per value.
 */
export function crawl(db: IndexDb, raws: RawEvents, origin: Cursor, bounds: Required<ChainOptions>): CrawlResult {
  return new Crawl(new ValueScanner(db), raws, origin, bounds).run();
}

class Crawl {
  private readonly members = new Map<number, CrawlMember>();
  private readonly queue: number[] = [];
  private readonly followed = new Set<string>();
  private truncated = false;

  constructor(private readonly scanner: ValueScanner, private readonly raws: RawEvents, private readonly origin: Cursor,
    private readonly bounds: Required<ChainOptions>) {}

  run(): CrawlResult {
    this.add({ seq: this.origin.seq, hops: 0, parent: null, link: null, also: [], grows: true });
    for (let next = 0; next < this.queue.length; next++) {
      const member = this.members.get(this.queue[next]!)!;
      if (member.grows && member.hops < this.bounds.maxHops) this.expand(member);
    }
    return { members: this.members, truncated: this.truncated };
  }

  private add(member: CrawlMember): void {
    this.members.set(member.seq, member);
    this.queue.push(member.seq);
  }

  private expand(member: CrawlMember): void {
    const { entities, folded } = this.raws.get(member.seq);
    for (const value of specificValues(entities)) {
      const id = `${value.entityKind}\u0000${value.value}`;
      if (this.followed.has(id) || (folded && value.sessionBound)) continue;
      this.followed.add(id);
      this.follow(member, value);
    }
  }

  private follow(member: CrawlMember, value: SpecificValue): void {
    // Past the origin, a session leads only to where it was issued, not to the rest of someone's day.
    const issuerOnly = value.sessionBound && member.parent !== null;
    const scan = scanBounds(value, this.bounds, issuerOnly);
    const shared = scan && this.scanner.sharing(value.entityKind, value.value, this.origin, scan);
    if (!shared) return;
    if (shared.cut && !issuerOnly) this.truncated = true;
    for (const cursor of shared.events) {
      if (cursor.seq !== member.seq) this.meet(member, value, cursor.seq, issuerOnly);
    }
  }

  /** One event sharing `value` with `member`: a further link of a known member, or a new member. */
  private meet(member: CrawlMember, value: SpecificValue, seq: number, issuerOnly: boolean): void {
    const existing = this.members.get(seq);
    if (existing) return noteAlso(this.raws, existing, member, value);
    if (this.members.size >= this.bounds.maxEvents) {
      this.truncated = true;
      return;
    }
    if (namesMany(this.raws.get(seq).entities, value.entityKind)) return;
    const { link, cause } = toLink(this.raws, seq, value);
    if (issuerOnly && !cause) return;
    this.add({ seq, hops: member.hops + 1, parent: member.seq, link, also: [], grows: cause });
  }
}

function toLink(raws: RawEvents, seq: number, value: SpecificValue): { link: ChainLink; cause: boolean } {
  const { reason, cause } = linkPlace(raws.get(seq).json, value);
  return { link: { kind: value.kind, value: value.value, reason }, cause };
}

/** A further value an existing member shares: with its parent as is, with another member by that member's name. */
function noteAlso(raws: RawEvents, existing: CrawlMember, via: CrawlMember, value: SpecificValue): void {
  if (existing.parent === null || existing.also.length >= MAX_ALSO) return;
  const known = [existing.link, ...existing.also].some((link) => link?.kind === value.kind && link.value === value.value);
  if (known) return;
  const { link } = toLink(raws, existing.seq, value);
  if (via.seq !== existing.parent) link.reason += ` as ${truncate(text(raws.get(via.seq).json.eventName) ?? 'event', 48)}`;
  existing.also.push(link);
}
