import { createHash } from 'node:crypto';
import type { IndexDb } from '../index/open.js';
import type { RuleId } from './rule-ids.js';
import { SEVERITY_RANK, type Severity } from './types.js';

/** An event behind a hit: its seq and time. */
export interface TimedSeq {
  seq: number;
  time: number;
}

/** What a rule says about a hit; the store adds the id, the span and the events. */
export interface HitDraft {
  rule: RuleId;
  /** What the hit is about (a principal, a key, a stream): reruns replace one group's hits. */
  group: string;
  severity: Severity;
  title: string;
  reason: string;
  principal: string | null;
  keyRef: string | null;
  ip: string | null;
  /** The span when it is not the events' own (a delivery gap is the time no file came). */
  first?: number;
  last?: number;
}

/** The events a hit covers, as far as the store knows: rules word their reason from it. */
export interface HitSpan {
  events: number;
  first: number;
  last: number;
}

export interface StoredHit extends HitSpan {
  id: string;
}

/** Stable across runs: the rule and what the hit is about, hashed (log text stays out of ids). */
export function hitId(rule: RuleId, ...about: Array<string | number | null>): string {
  const digest = createHash('sha256').update(about.map((part) => String(part ?? '')).join('\u0000')).digest('hex');
  return `${rule}:${digest.slice(0, 16)}`;
}

function spanOf(events: TimedSeq[], base: HitSpan | null): HitSpan {
  let first = base?.first ?? Number.POSITIVE_INFINITY;
  let last = base?.last ?? 0;
  for (const event of events) {
    if (event.time < first) first = event.time;
    if (event.time > last) last = event.time;
  }
  return { events: (base?.events ?? 0) + events.length, first: Number.isFinite(first) ? first : 0, last };
}

/** Writes hits and the events behind them; counts its writes so a run can report what changed. */
export class HitStore {
  changes = 0;
  private readonly statements;

  constructor(db: IndexDb) {
    this.statements = {
      upsert: db.prepare(`INSERT INTO detection_hits (id, rule, grp, severity, rank, title, reason, first, last, principal, key_ref, ip, events)
        VALUES (@id, @rule, @group, @severity, @rank, @title, @reason, @first, @last, @principal, @keyRef, @ip, @events)
        ON CONFLICT (id) DO UPDATE SET grp = excluded.grp, severity = excluded.severity, rank = excluded.rank, title = excluded.title,
        reason = excluded.reason, first = excluded.first, last = excluded.last, principal = excluded.principal,
        key_ref = excluded.key_ref, ip = excluded.ip, events = excluded.events`),
      addEvent: db.prepare('INSERT OR IGNORE INTO detection_hit_events (hit_id, seq) VALUES (?, ?)'),
      clearEvents: db.prepare('DELETE FROM detection_hit_events WHERE hit_id = ?'),
      deleteHit: db.prepare('DELETE FROM detection_hits WHERE id = ?'),
      find: db.prepare('SELECT id, events, first, last FROM detection_hits WHERE id = ?'),
      inGroup: db.prepare('SELECT id, events, first, last FROM detection_hits WHERE rule = ? AND grp = ? AND last >= ? AND first <= ?'),
      ofRule: db.prepare('SELECT id FROM detection_hits WHERE rule = ?').pluck(),
      eventsOf: db.prepare('SELECT h.seq AS seq, e.time AS time FROM detection_hit_events h JOIN events e ON e.seq = h.seq WHERE h.hit_id = ?'),
    };
  }

  existing(id: string): StoredHit | null {
    return (this.statements.find.get(id) as StoredHit | undefined) ?? null;
  }

  /** Hits of one rule and group whose span touches [from, to]. */
  inGroup(rule: RuleId, group: string, from: number, to: number): StoredHit[] {
    return this.statements.inGroup.all(rule, group, from, to) as StoredHit[];
  }

  /**
   * Where a windowed rule recomputes a group around new events at [first, last]: the span, `margin`
   * wider, widened again over the group's old hits it touches (none on a fresh run), which it replaces.
   */
  around(rule: RuleId, group: string, span: { first: number; last: number; margin: number; fresh: boolean }): { old: StoredHit[]; from: number; to: number } {
    let from = span.first - span.margin;
    let to = span.last + span.margin;
    const old = span.fresh ? [] : this.inGroup(rule, group, from, to);
    for (const hit of old) {
      from = Math.min(from, hit.first - span.margin);
      to = Math.max(to, hit.last + span.margin);
    }
    return { old, from, to };
  }

  eventsOf(id: string): TimedSeq[] {
    return this.statements.eventsOf.all(id) as TimedSeq[];
  }

  /** The hit with exactly these events (a recomputed window). */
  replace(id: string, describe: (span: HitSpan) => HitDraft, events: TimedSeq[]): void {
    this.statements.clearEvents.run(id);
    const unique = events.filter((event) => this.statements.addEvent.run(id, event.seq).changes > 0);
    const span = spanOf(unique, null);
    this.write(id, describe(span), span);
  }

  /** Adds events to the hit, creating it when new (first-seen pairs, per-event hits). */
  extend(id: string, describe: (span: HitSpan) => HitDraft, events: TimedSeq[]): void {
    const added = events.filter((event) => this.statements.addEvent.run(id, event.seq).changes > 0);
    const before = this.existing(id);
    if (before && added.length === 0) return;
    const span = spanOf(added, before);
    this.write(id, describe(span), span);
  }

  delete(id: string): void {
    this.statements.clearEvents.run(id);
    if (this.statements.deleteHit.run(id).changes > 0) this.changes++;
  }

  deleteRule(rule: RuleId): void {
    for (const id of this.statements.ofRule.all(rule) as string[]) this.delete(id);
  }

  private write(id: string, draft: HitDraft, span: HitSpan): void {
    this.statements.upsert.run({
      id, rule: draft.rule, group: draft.group, severity: draft.severity, rank: SEVERITY_RANK[draft.severity], title: draft.title,
      reason: draft.reason, first: draft.first ?? span.first, last: draft.last ?? span.last,
      principal: draft.principal, keyRef: draft.keyRef, ip: draft.ip, events: span.events,
    });
    this.changes++;
  }
}
