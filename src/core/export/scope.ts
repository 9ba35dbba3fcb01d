import type { FindingEvidence } from '../findings/evidence.js';
import type { FindingKind } from '../findings/types.js';
import { formatTime } from '../normalize/time.js';
import type { EventRow } from '../query/event-rows.js';

/** An event behind one or more findings. */
export interface FindingEvent {
  row: EventRow;
  findings: number[];
}

/** The findings' events sorted into the attack, its containment and the context around it. */
export interface AttackScope {
  /** Every event of every finding once, oldest first. */
  events: FindingEvent[];
  /** Principals behind the attack (see actorsOf). */
  actors: Set<string>;
  /** Calls by the actors, in any finding. */
  attack: FindingEvent[];
  /** Calls that undo the attack's changes, made by someone else (the responders). */
  containment: FindingEvent[];
  /** First and last core event: see windowOf. */
  window: { from: string; to: string } | null;
}

/** Calls that take back a change (a deletion, a disabled key or rotation, a grant, an access key). */
const CONTAINMENT_CALLS = new Set([
  'CancelKeyDeletion', 'EnableKey', 'EnableKeyRotation', 'RevokeGrant', 'RetireGrant', 'UpdateAccessKey', 'DeleteAccessKey',
]);

/**
 * Findings that point at what the attacker did: a marked event or a detection hit.
 * A chain (which leads to whoever started it, often someone benign) and a filter
 * (which may be as broad as `ctx:customerId=...`) are context: they show the events
 * around the attack but name no actor and do not stretch its window.
 */
const CORE_KINDS: ReadonlySet<FindingKind> = new Set(['event', 'hit']);

export function mergeFindingEvents(findings: ReadonlyArray<{ evidence: FindingEvidence; rows: readonly EventRow[] }>): FindingEvent[] {
  const byUid = new Map<string, FindingEvent>();
  for (const { evidence, rows } of findings) {
    for (const row of rows) {
      const entry = byUid.get(row.uid) ?? { row, findings: [] };
      if (!entry.findings.includes(evidence.finding.id)) entry.findings.push(evidence.finding.id);
      byUid.set(row.uid, entry);
    }
  }
  return [...byUid.values()].sort((a, b) => a.row.time - b.row.time || a.row.seq - b.row.seq);
}

const isContainment = (row: EventRow) => CONTAINMENT_CALLS.has(row.eventName ?? '') && !row.errorCode;
const isAgent = (row: EventRow) => row.principal !== null && row.actor !== 'service' && !isContainment(row);

/** Principals of the core findings' own calls (AWS services acting for someone and containment calls aside). */
function actorsOf(events: readonly FindingEvent[], kindOf: (id: number) => FindingKind | undefined): Set<string> {
  const core = events.filter((event) => event.findings.some((id) => CORE_KINDS.has(kindOf(id)!)));
  const actors = new Set(core.filter((event) => isAgent(event.row)).map((event) => event.row.principal!));
  // Only chains and filters marked: their callers are all we have.
  return actors.size > 0 ? actors : new Set(events.filter((event) => isAgent(event.row)).map((event) => event.row.principal!));
}

/**
 * The attack's window: the actors' calls in core findings, so one broad filter or a
 * benign chain days earlier does not stretch it. Falls back to all the actors' calls.
 */
function windowOf(attack: readonly FindingEvent[], kindOf: (id: number) => FindingKind | undefined): AttackScope['window'] {
  const core = attack.filter((event) => event.findings.some((id) => CORE_KINDS.has(kindOf(id)!)));
  const times = (core.length > 0 ? core : attack).map((event) => event.row.time).filter((time) => time > 0);
  if (times.length === 0) return null;
  return { from: formatTime(times.reduce((a, b) => Math.min(a, b)))!, to: formatTime(times.reduce((a, b) => Math.max(a, b)))! };
}

export function attackScope(events: FindingEvent[], kinds: ReadonlyMap<number, FindingKind>): AttackScope {
  const kindOf = (id: number) => kinds.get(id);
  const actors = actorsOf(events, kindOf);
  const attack = events.filter((event) => event.row.principal !== null && actors.has(event.row.principal) && !isContainment(event.row));
  const containment = events.filter((event) => isContainment(event.row) && !actors.has(event.row.principal ?? ''));
  return { events, actors, attack, containment, window: windowOf(attack, kindOf) };
}
