import type { RawEvents } from '../correlate/raw-events.js';
import type { IndexDb } from '../index/open.js';
import { objectField, text } from '../normalize/fields.js';
import type { EventRow } from '../query/event-rows.js';
import { callsAfter, lastEventWithValue } from './later-calls.js';
import type { ChangeOutcome } from './open-items.js';
import { shellCommand } from './shell-quote.js';

/** Long-term IAM user keys; `ASIA...` keys are temporary and expire on their own. */
const LONG_TERM_KEY = /^AKIA[A-Z0-9]{12,}$/;
const USER_NAME = /^arn:aws[a-z-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/;

/**
 * The call that left this key id inactive after `first`: the last UpdateAccessKey or
 * DeleteAccessKey naming it, when that deleted it or set it Inactive. A key set Inactive
 * and then Active again is open.
 */
function deactivation(db: IndexDb, accessKeyId: string, first: EventRow, raws: RawEvents): EventRow | null {
  const requestOf = (row: EventRow) => objectField(raws.get(row.seq).json.requestParameters);
  const last = callsAfter(db, ['UpdateAccessKey', 'DeleteAccessKey'], first).filter((row) => text(requestOf(row)?.accessKeyId) === accessKeyId).pop();
  if (!last) return null;
  return last.eventName === 'DeleteAccessKey' || text(requestOf(last)?.status) === 'Inactive' ? last : null;
}

/** Each long-term access key the actors signed with: open while no later call deactivated or deleted it. */
export function accessKeyChange(db: IndexDb, rows: readonly EventRow[], raws: RawEvents): ChangeOutcome[] {
  const firstUse = new Map<string, EventRow>();
  for (const row of rows) {
    if (row.accessKeyId && LONG_TERM_KEY.test(row.accessKeyId) && !firstUse.has(row.accessKeyId)) firstUse.set(row.accessKeyId, row);
  }
  return [...firstUse].map(([accessKeyId, first]) => {
    const change = { kind: 'access-key' as const, subject: accessKeyId, subjectAliases: [], at: first.eventTime, by: first.principal, event: first.uid, inFindings: true };
    const ended = deactivation(db, accessKeyId, first, raws);
    if (ended) return { closed: { ...change, facts: [], closedAt: ended.eventTime, closedBy: ended.principal, closedEvent: ended.uid } };
    const last = lastEventWithValue(db, 'accesskey', accessKeyId) ?? first;
    const userName = USER_NAME.exec(first.principal ?? '')?.[1];
    const command = shellCommand(['aws', 'iam', 'update-access-key', ...(userName ? ['--user-name', userName] : []), '--access-key-id', accessKeyId, '--status', 'Inactive']);
    return { open: { ...change, facts: [{ label: 'last used', value: last.eventTime ?? 'no time' }], command, previousPolicy: null } };
  });
}
