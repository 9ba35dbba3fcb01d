import { text } from '../../normalize/fields.js';
import { callsRule } from '../../athena/rule-sql.js';
import { asAttempt, judgeNewCalls, type EventVerdict } from '../event-rule.js';
import type { RuleEvent } from '../event-access.js';
import { shortKeyAt, shortPrincipal } from '../names.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import type { Severity } from '../types.js';

interface Lifecycle {
  severity: Severity;
  title: string;
  /** The rest of "<principal> ... <key>": what the call did. */
  did: (key: string, event: RuleEvent) => string;
}

/** Key lifecycle calls that make data unreadable or keys weaker, and the ones that undo them (info). */
const LIFECYCLE: Record<string, Lifecycle> = {
  ScheduleKeyDeletion: {
    severity: 'high', title: 'Key scheduled for deletion',
    did: (key, event) => `scheduled ${key} for deletion${text(event.request?.pendingWindowInDays) ? ` in ${text(event.request?.pendingWindowInDays)} days` : ''}: everything encrypted under it becomes unreadable when it goes`,
  },
  DisableKey: { severity: 'high', title: 'Key disabled', did: (key) => `disabled ${key}: every call that needs it fails until it is enabled` },
  DeleteImportedKeyMaterial: { severity: 'high', title: 'Imported key material deleted', did: (key) => `deleted the imported key material of ${key}: the key is unusable until the same material is imported again` },
  DisableKeyRotation: { severity: 'medium', title: 'Key rotation disabled', did: (key) => `turned off automatic rotation of ${key}` },
  UpdateAlias: {
    severity: 'low', title: 'Alias repointed',
    did: (_key, event) => `pointed ${text(event.request?.aliasName) ?? 'an alias'} at key ${text(event.request?.targetKeyId) ?? event.keyRef ?? '(unknown)'}: callers using the alias now use that key`,
  },
  DeleteAlias: { severity: 'low', title: 'Alias deleted', did: (_key, event) => `deleted ${text(event.request?.aliasName) ?? 'an alias'}: callers using it fail` },
  CancelKeyDeletion: { severity: 'info', title: 'Key deletion cancelled', did: (key) => `cancelled the scheduled deletion of ${key} (the key stays disabled until enabled)` },
  EnableKey: { severity: 'info', title: 'Key enabled', did: (key) => `enabled ${key}` },
};

function judge(context: DetectionContext, event: RuleEvent): EventVerdict | null {
  const lifecycle = LIFECYCLE[event.row.eventName ?? ''];
  if (!lifecycle) return null;
  const key = shortKeyAt(context.keys, event.keyRef, event.time);
  const reason = `${shortPrincipal(event.row.principal)} ${lifecycle.did(key, event)}.`;
  return asAttempt(event, { severity: lifecycle.severity, title: lifecycle.title, reason });
}

export const keyDeletion: DetectionRule = {
  id: 'key-deletion',
  title: 'Key deleted, disabled or weakened',
  severity: 'high',
  summary: 'ScheduleKeyDeletion, DisableKey, DeleteImportedKeyMaterial (high), DisableKeyRotation, alias changes; CancelKeyDeletion and EnableKey as info',
  run(context) {
    judgeNewCalls(context, keyDeletion, Object.keys(LIFECYCLE), (event) => judge(context, event));
  },
  athena() {
    return callsRule(Object.keys(LIFECYCLE), ["json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS pending_days",
      "json_extract_scalar(requestparameters, '$.aliasName') AS alias_name", "json_extract_scalar(requestparameters, '$.targetKeyId') AS target_key"]);
  },
};
