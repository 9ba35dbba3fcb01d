import type { RawEvents } from '../correlate/raw-events.js';
import type { IndexDb } from '../index/open.js';
import type { EventRow } from '../query/event-rows.js';
import { keyArnParts } from './key-arn.js';
import { accessKeyChange } from './open-access-keys.js';
import { callsBy } from './later-calls.js';
import { grantChange, KEY_CHANGE_CALLS, keyStateChange, policyChange } from './open-key-changes.js';
import type { ClosedItem, OpenItem, OpenKind } from './report.js';
import type { AttackScope, FindingEvent } from './scope.js';
import { shellCommand } from './shell-quote.js';

/** A change and whether a later call took it back. */
export type ChangeOutcome = { open: OpenItem } | { closed: ClosedItem };

/** The call that took a change back, as much of it as the note needs. */
export interface Undo {
  uid: string;
  eventTime: string | null;
  principal: string | null;
}

/** An `aws` command line, every value shell-quoted; `--region` from the key ARN (else the event's region). */
export function awsCommand(words: readonly string[], row: EventRow): string {
  const region = keyArnParts(row.key).region ?? row.awsRegion;
  return shellCommand(['aws', ...words, ...(region ? ['--region', region] : [])]);
}

export function keyCommand(command: string, row: EventRow, extra: readonly string[] = []): string {
  return awsCommand(['kms', command, '--key-id', row.key!, ...extra], row);
}

/** The change `row` made: open with its command when nothing undid it, else closed by `undo`. */
export function changeOf(
  row: EventRow, kind: OpenKind, facts: Array<{ label: string; value: string }>, undo: Undo | null,
  command: () => string, previousPolicy: OpenItem['previousPolicy'] = null,
): ChangeOutcome {
  const change = { kind, subject: row.key!, subjectAliases: row.keyAliases, at: row.eventTime, by: row.principal, event: row.uid, inFindings: true, facts };
  if (undo) return { closed: { ...change, closedAt: undo.eventTime, closedBy: undo.principal, closedEvent: undo.uid } };
  return { open: { ...change, command: command(), previousPolicy } };
}

const KIND_ORDER: readonly OpenKind[] = ['access-key', 'grant', 'policy', 'deleted', 'deletion', 'disabled', 'rotation'];

/** The outcome with its change marked as one no finding holds. */
function beyondFindings(outcome: ChangeOutcome): ChangeOutcome {
  return 'open' in outcome ? { open: { ...outcome.open, inFindings: false } } : { closed: { ...outcome.closed, inFindings: false } };
}

/**
 * What the actors' calls left in place at the end of the indexed range — grants,
 * key policies that let another account in, rotation off, deletion pending, a key
 * disabled, long-term access keys — and what a later call in the logs took back.
 * `later`: the actors' key changes after the attack's own calls (see laterChanges).
 */
export function openAndClosed(db: IndexDb, attack: readonly FindingEvent[], raws: RawEvents, later: readonly LaterChange[] = []): { open: OpenItem[]; closed: ClosedItem[] } {
  const outcomes: ChangeOutcome[] = [];
  const calls = [...attack.map(({ row }) => ({ row, inFindings: true })), ...later];
  for (const { row, inFindings } of calls) {
    if (row.errorCode) continue;
    const outcome = grantChange(db, row, raws) ?? policyChange(db, row, raws) ?? keyStateChange(db, row, raws);
    if (outcome) outcomes.push(inFindings ? outcome : beyondFindings(outcome));
  }
  outcomes.push(...accessKeyChange(db, attack.map((event) => event.row), raws));
  const order = (item: { kind: OpenKind }) => KIND_ORDER.indexOf(item.kind);
  // The same state set twice (rotation off, on, off again) is one open item, told from its first change.
  const open = new Map<string, OpenItem>();
  for (const outcome of outcomes) {
    if (!('open' in outcome)) continue;
    const same = `${outcome.open.kind} ${outcome.open.command}`;
    if (!open.has(same)) open.set(same, outcome.open);
  }
  return {
    open: [...open.values()].sort((a, b) => order(a) - order(b)),
    closed: outcomes.flatMap((outcome) => ('closed' in outcome ? [outcome.closed] : [])).sort((a, b) => order(a) - order(b)),
  };
}

/** A call whose change is judged open or closed, and whether a finding holds it. */
export interface LaterChange {
  row: EventRow;
  inFindings: boolean;
}

/**
 * The actors' key changes from the attack's first call to the end of the logs, beyond the attack's
 * own calls: a policy or grant made after the marked events is as much in place as one inside them,
 * whether a finding holds it (as context, outside the attack's window) or none does.
 */
export function laterChanges(db: IndexDb, scope: AttackScope): LaterChange[] {
  const first = scope.attack.find((event) => event.row.time > 0)?.row.time;
  if (first === undefined || scope.actors.size === 0) return [];
  const judged = new Set(scope.attack.map((event) => event.row.uid));
  const held = new Set(scope.events.map((event) => event.row.uid));
  return callsBy(db, [...scope.actors], KEY_CHANGE_CALLS, first).filter((row) => !judged.has(row.uid))
    .map((row) => ({ row, inFindings: held.has(row.uid) }));
}
