import type { RawEvents } from '../correlate/raw-events.js';
import type { IndexDb } from '../index/open.js';
import { objectField, text } from '../normalize/fields.js';
import type { EventRow } from '../query/event-rows.js';
import { callsAfter, eventsWithValue } from './later-calls.js';
import type { ChangeOutcome } from './open-items.js';
import { shellCommand } from './shell-quote.js';

/** Long-term IAM user keys; `ASIA...` keys are temporary and expire on their own. */
const LONG_TERM_KEY = /^AKIA[A-Z0-9]{12,}$/;
const USER_NAME = /^arn:aws[a-z-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/;

/** The index's last event signed with this access key id. */
function lastUse(db: IndexDb, accessKeyId: string): EventRow | null {
  return eventsWithValue(db, 'accesskey', accessKeyId).pop() ?? null;
}

/** UpdateAccessKey to Inactive, or DeleteAccessKey, of this key id after `first`. */
function deactivation(db: IndexDb, accessKeyId: string, first: EventRow, raws: RawEvents): EventRow | null {
  return callsAfter(db, ['UpdateAccessKey', 'DeleteAccessKey'], first).find((row) => {
    const request = objectField(raws.get(row.seq).json.requestParameters);
    return text(request?.accessKeyId) === accessKeyId && (row.eventName === 'DeleteAccessKey' || text(request?.status) === 'Inactive');
  }) ?? null;
}

/** Each long-term access key the actors signed with: open while no later call deactivated or deleted it. */
export function accessKeyChange(db: IndexDb, rows: readonly EventRow[], raws: RawEvents): ChangeOutcome[] {
  const firstUse = new Map<string, EventRow>();
  for (const row of rows) {
    if (row.accessKeyId && LONG_TERM_KEY.test(row.accessKeyId) && !firstUse.has(row.accessKeyId)) firstUse.set(row.accessKeyId, row);
  }
  return [...firstUse].map(([accessKeyId, first]) => {
    const change = { kind: 'access-key' as const, subject: accessKeyId, subjectAliases: [], at: first.eventTime, by: first.principal, event: first.uid };
    const ended = deactivation(db, accessKeyId, first, raws);
    if (ended) return { closed: { ...change, facts: [], closedAt: ended.eventTime, closedBy: ended.principal, closedEvent: ended.uid } };
    const last = lastUse(db, accessKeyId) ?? first;
    const userName = USER_NAME.exec(first.principal ?? '')?.[1];
    const command = shellCommand(['aws', 'iam', 'update-access-key', ...(userName ? ['--user-name', userName] : []), '--access-key-id', accessKeyId, '--status', 'Inactive']);
    return { open: { ...change, facts: [{ label: 'last used', value: last.eventTime ?? 'no time' }], command, previousPolicy: null } };
  });
}
