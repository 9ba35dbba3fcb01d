import { readGrantRequest } from '../correlate/grant-request.js';
import type { RawEvents } from '../correlate/raw-events.js';
import { policyReach } from '../detect/rules/policy-principals.js';
import type { IndexDb } from '../index/open.js';
import { indexedTimeRange } from '../index/time-range.js';
import { objectField, text } from '../normalize/fields.js';
import { formatTime } from '../normalize/time.js';
import type { EventRow } from '../query/event-rows.js';
import { keyArnParts } from './key-arn.js';
import { callBefore, callsAfter, callsWithValue, isAfter } from './later-calls.js';
import type { ChangeOutcome } from './open-items.js';
import { awsCommand, changeOf, keyCommand } from './open-items.js';

const DAY_MS = 86_400_000;
const GRANT_ENDS = ['RetireGrant', 'RevokeGrant'];

/** Key changes a single later call takes back, and the `aws kms` command that does so. */
const UNDONE_BY: Record<string, { kind: 'rotation' | 'deletion' | 'disabled'; undo: string; command: string }> = {
  DisableKeyRotation: { kind: 'rotation', undo: 'EnableKeyRotation', command: 'enable-key-rotation' },
  ScheduleKeyDeletion: { kind: 'deletion', undo: 'CancelKeyDeletion', command: 'cancel-key-deletion' },
  DisableKey: { kind: 'disabled', undo: 'EnableKey', command: 'enable-key' },
};

/** Every call whose change this module judges open or closed. */
export const KEY_CHANGE_CALLS: readonly string[] = [...Object.keys(UNDONE_BY), 'PutKeyPolicy', 'CreateGrant'];

const sameKey = (event: EventRow) => (row: EventRow) => row.key !== null && row.key === event.key;

/** When the scheduled deletion takes effect (the event's time plus its waiting period), or null when the event does not say. */
function deletionTime(row: EventRow, raws: RawEvents): number | null {
  const days = Number(text(objectField(raws.get(row.seq).json.requestParameters)?.pendingWindowInDays));
  return !Number.isFinite(days) || days <= 0 || row.time <= 0 ? null : row.time + days * DAY_MS;
}

/**
 * A scheduled deletion with no CancelKeyDeletion after it, whose waiting period ended before the last
 * indexed event (or whose DeleteKey is logged): KMS deletes a key when its waiting period ends, so
 * nothing can cancel it any more. Null while the deletion may still be cancelled.
 */
function deletionDone(db: IndexDb, row: EventRow, raws: RawEvents): ChangeOutcome | null {
  if (callsAfter(db, ['CancelKeyDeletion'], row).some(sameKey(row))) return null;
  const deletedBy = callsAfter(db, ['DeleteKey'], row).find(sameKey(row)) ?? null;
  const due = deletionTime(row, raws);
  if (!deletedBy && (due === null || due > (indexedTimeRange(db).last ?? 0))) return null;
  const facts = [
    ...(due === null ? [] : [{ label: 'waiting period ended', value: formatTime(due)! }]),
    ...(deletedBy ? [{ label: 'DeleteKey logged', value: deletedBy.uid }] : []),
  ];
  return changeOf(row, 'deleted', facts, null, () => '# Nothing to run: a key is deleted when its waiting period ends, and cannot be restored.');
}

/**
 * Rotation off, deletion pending, key disabled: open unless the last later call on the
 * same key that sets this state undid it (rotation turned back on and off again is off).
 */
export function keyStateChange(db: IndexDb, row: EventRow, raws: RawEvents): ChangeOutcome | null {
  const change = UNDONE_BY[row.eventName ?? ''];
  if (!change || !row.key) return null;
  const last = callsAfter(db, [change.undo, row.eventName!], row).filter(sameKey(row)).pop();
  const undo = last?.eventName === change.undo ? last : null;
  if (change.kind === 'deletion' && !undo) {
    const done = deletionDone(db, row, raws);
    if (done) return done;
  }
  const due = change.kind === 'deletion' ? deletionTime(row, raws) : null;
  const facts = due === null ? [] : [{ label: 'deleted on', value: formatTime(due)! }];
  // A cancelled deletion leaves the key disabled: enabling it is part of undoing the change.
  const command = () => [keyCommand(change.command, row), ...(change.kind === 'deletion' ? [keyCommand('enable-key', row)] : [])].join(' && ');
  return changeOf(row, change.kind, facts, undo, command);
}

function policyText(row: EventRow, raws: RawEvents): unknown {
  return objectField(raws.get(row.seq).json.requestParameters)?.policy;
}

/** Who a logged policy lets in from outside the key's account; null when it is unreadable or lets no one in. */
function outsiders(policy: unknown, key: string): string[] | null {
  const account = keyArnParts(key).account;
  const reach = policyReach(policy, account ? [account] : []);
  if (!reach || (!reach.everyone && reach.accounts.length === 0)) return null;
  if (!reach.everyone) return reach.accounts;
  // A `"*"` bounded by a condition (an organization, a VPC endpoint) is told with its bound, never as anyone.
  return [reach.everyoneUnconditioned ? '*' : `*, limited to ${reach.everyoneLimits.join('; ')}`, ...reach.accounts];
}

/** A key policy that lets another account in: open until a later policy on the key no longer does. */
export function policyChange(db: IndexDb, row: EventRow, raws: RawEvents): ChangeOutcome | null {
  if (row.eventName !== 'PutKeyPolicy' || !row.key) return null;
  const admitted = outsiders(policyText(row, raws), row.key);
  if (!admitted) return null;
  const replaced = callsAfter(db, ['PutKeyPolicy'], row).filter(sameKey(row)).pop() ?? null;
  const undo = replaced && outsiders(policyText(replaced, raws), row.key) === null ? replaced : null;
  const previous = callBefore(db, ['PutKeyPolicy', 'CreateKey'], row, (other) => sameKey(row)(other) && policyText(other, raws) !== undefined);
  const logged = previous ? policyText(previous, raws) : undefined;
  const previousPolicy = previous ? { json: typeof logged === 'string' ? logged : JSON.stringify(logged), event: previous.uid } : null;
  const command = () => awsCommand(['kms', 'put-key-policy', '--key-id', row.key!, '--policy-name', 'default', '--policy', 'file://previous-policy.json'], row);
  return changeOf(row, 'policy', [{ label: 'lets in', value: admitted.join(', ') }], undo, command, previousPolicy);
}

/** A grant the actors created: open unless retired or revoked later in the logs. */
export function grantChange(db: IndexDb, row: EventRow, raws: RawEvents): ChangeOutcome | null {
  if (row.eventName !== 'CreateGrant' || !row.key) return null;
  const request = readGrantRequest(raws.get(row.seq).json);
  if (!request.grantId) return null;
  // The retire and revoke calls that name the grant id: the first successful one after its creation ends it.
  const ended = callsWithValue(db, 'grant', request.grantId, GRANT_ENDS).find((other) => !other.errorCode && isAfter(other, row)) ?? null;
  const facts = [
    { label: 'grant', value: request.grantId },
    ...(request.grantee ? [{ label: 'to', value: request.grantee }] : []),
    ...(request.operations.length > 0 ? [{ label: 'for', value: request.operations.join(', ') }] : []),
  ];
  return changeOf(row, 'grant', facts, ended, () => keyCommand('revoke-grant', row, ['--grant-id', request.grantId!]));
}
