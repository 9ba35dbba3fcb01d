import { bool } from '../../normalize/fields.js';
import { callsRule } from '../../athena/rule-sql.js';
import { asAttempt, judgeNewCalls, type EventVerdict } from '../event-rule.js';
import type { RuleEvent } from '../event-access.js';
import { keyAccount, shortKeyAt, shortPrincipal } from '../names.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { policyReach } from './policy-principals.js';

const NAMES = ['PutKeyPolicy', 'CreateKey'];

function judge(context: DetectionContext, event: RuleEvent): EventVerdict | null {
  const creating = event.row.eventName === 'CreateKey';
  const policy = event.request?.policy;
  const who = shortPrincipal(event.row.principal);
  // A new key has no alias yet: named as just before its creation, so an alias made in the same second
  // (Terraform's CreateKey then CreateAlias) reads as later.
  const key = shortKeyAt(context.keys, event.keyRef, creating ? event.time - 1 : event.time);
  const did = creating ? `created ${key}` : `replaced the key policy of ${key}`;
  if (creating && (policy === undefined || policy === null)) {
    return { severity: 'info', title: 'Key created', reason: `${who} ${did} with the default key policy.` };
  }
  const owner = keyAccount(context.keys, event.keyRef) ?? event.row.account;
  const reach = policyReach(policy, [...(owner ? [owner] : []), ...context.config.allow.accounts]);
  if (!reach) return asAttempt(event, { severity: 'medium', title: 'Key policy changed (unreadable)', reason: `${who} ${did}; the new policy could not be read from the log, so check it by hand.` });
  const bypass = bool(event.request?.bypassPolicyLockoutSafetyCheck) === true ? ' and bypassed the policy lockout safety check' : '';
  const statements = reach.statements.join(', ');
  if (reach.everyoneUnconditioned) {
    return asAttempt(event, { severity: 'critical', title: 'Key policy allows everyone', reason: `${who} ${did}${bypass}; statement ${statements} allows any AWS principal ("*") with no condition.` });
  }
  if (reach.everyone) {
    return asAttempt(event, { severity: 'high', title: 'Key policy allows "*" under a condition',
      reason: `${who} ${did}${bypass}; statement ${statements} allows "*" only for ${reach.everyoneLimits.join('; and for ')}.` });
  }
  if (reach.accounts.length > 0) {
    return asAttempt(event, { severity: 'high', title: 'Key policy opens the key to another account', reason: `${who} ${did}${bypass}; it now lets account ${reach.accounts.join(', ')} use the key (statement ${statements}).` });
  }
  const severity = bypass ? 'medium' : creating ? 'info' : 'low';
  return asAttempt(event, { severity, title: creating ? 'Key created with a policy' : 'Key policy changed',
    reason: `${who} ${did}${bypass}; the policy lets in no account outside the key's own${context.config.allow.accounts.length > 0 ? ' and the allow-listed ones' : ''}.` });
}

export const keyPolicyChange: DetectionRule = {
  id: 'key-policy-change',
  title: 'Key policy changed',
  severity: 'low',
  summary: 'PutKeyPolicy, and CreateKey with a policy; high when the policy lets in another account or "*" under a condition that does not keep it to trusted accounts, critical for "*" without a condition',
  run(context) {
    judgeNewCalls(context, keyPolicyChange, NAMES, (event) => judge(context, event));
  },
  athena() {
    // Every call is a hit; the policy's reach (another account, "*") is read by keytrail from the record.
    return callsRule(NAMES, ["json_extract_scalar(requestparameters, '$.policy') AS policy",
      "json_extract_scalar(requestparameters, '$.bypassPolicyLockoutSafetyCheck') AS bypass_lockout_check"]);
  },
};
