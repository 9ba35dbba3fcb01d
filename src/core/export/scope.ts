import type { FindingEvidence } from '../findings/evidence.js';
import type { JsonObject } from '../parse/classify.js';
import { text } from '../normalize/fields.js';
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
  /** Calls by the actors inside the window, in any finding. */
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

/** A call's request parameters, for the calls whose name alone does not say whether they take a change back. */
export type RequestOf = (row: EventRow) => JsonObject | null;

/** A successful call that takes a change back. UpdateAccessKey also re-activates keys: only setting one Inactive counts. */
function takesBack(row: EventRow, requestOf: RequestOf): boolean {
  if (!CONTAINMENT_CALLS.has(row.eventName ?? '') || row.errorCode) return false;
  return row.eventName !== 'UpdateAccessKey' || text(requestOf(row)?.status) === 'Inactive';
}

/** Principals of the core findings' own calls (AWS services acting for someone and containment calls aside). */
function actorsOf(events: readonly FindingEvent[], kindOf: (id: number) => FindingKind | undefined, isContainment: (row: EventRow) => boolean): Set<string> {
  const isAgent = (row: EventRow) => row.principal !== null && row.actor !== 'service' && !isContainment(row);
  const core = events.filter((event) => event.findings.some((id) => CORE_KINDS.has(kindOf(id)!)));
  const actors = new Set(core.filter((event) => isAgent(event.row)).map((event) => event.row.principal!));
  // Only chains and filters marked: their callers are all we have.
  return actors.size > 0 ? actors : new Set(events.filter((event) => isAgent(event.row)).map((event) => event.row.principal!));
}

/** Actors' calls in chains and filters within this of the window join it; further ones are the surroundings. */
const WINDOW_GAP_MS = 2 * 3_600_000;

/** Grows [from, to] by the times that come within WINDOW_GAP_MS of it, one after another. */
function growWindow(from: number, to: number, times: readonly number[]): [number, number] {
  let [start, end] = [from, to];
  for (const time of times) if (time > end && time - end <= WINDOW_GAP_MS) end = time;
  for (const time of [...times].reverse()) if (time < start && start - time <= WINDOW_GAP_MS) start = time;
  return [start, end];
}

/**
 * The attack's window: the actors' calls in the marked events and hits, grown by their
 * calls in chains and filters that follow on within WINDOW_GAP_MS. A broad filter
 * (`principal:*deploy-bot*` over three days of routine deploys) or a benign chain days
 * earlier does not stretch it. With no core events, all the actors' calls.
 */
function windowOf(calls: readonly FindingEvent[], isCore: (event: FindingEvent) => boolean): [number, number] | null {
  const timed = calls.filter((event) => event.row.time > 0);
  const all = timed.map((event) => event.row.time);
  const core = timed.filter(isCore).map((event) => event.row.time);
  if (all.length === 0) return null;
  const seed = core.length > 0 ? core : all;
  return growWindow(seed.reduce((a, b) => Math.min(a, b)), seed.reduce((a, b) => Math.max(a, b)), all);
}

/**
 * The attack is the actors' calls inside its window (an untimed one when a core finding
 * marks it): their routine calls days away, caught by a broad filter, stay context and
 * add no indicator, moment or open item. `requestOf` reads a call's request (without it,
 * no UpdateAccessKey counts as containment).
 */
export function attackScope(events: FindingEvent[], kinds: ReadonlyMap<number, FindingKind>, requestOf: RequestOf = () => null): AttackScope {
  const isCore = (event: FindingEvent) => event.findings.some((id) => CORE_KINDS.has(kinds.get(id)!));
  const isContainment = (row: EventRow) => takesBack(row, requestOf);
  const actors = actorsOf(events, (id) => kinds.get(id), isContainment);
  const calls = events.filter((event) => event.row.principal !== null && actors.has(event.row.principal) && !isContainment(event.row));
  const window = windowOf(calls, isCore);
  const attack = calls.filter((event) => (event.row.time > 0 ? window !== null && event.row.time >= window[0] && event.row.time <= window[1] : isCore(event)));
  const containment = events.filter((event) => isContainment(event.row) && !actors.has(event.row.principal ?? ''));
  return { events, actors, attack, containment, window: window && { from: formatTime(window[0])!, to: formatTime(window[1])! } };
}
