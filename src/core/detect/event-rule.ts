import { loadRuleEvents, newEventsWith, type RuleEvent } from './event-access.js';
import { hitId } from './hit-store.js';
import type { DetectionContext, DetectionRule } from './rule.js';
import { lowerSeverity, type Severity } from './types.js';

/** What a per-event rule says about one call. */
export interface EventVerdict {
  severity: Severity;
  title: string;
  reason: string;
}

/**
 * Runs a rule that judges single calls (key lifecycle, policies, trails): one hit per
 * call, found through the event-name entity so a run reads only the new calls of
 * those names. `hitFor` lets a rule name the hit after something else (a grant id).
 */
export function judgeNewCalls(
  context: DetectionContext,
  rule: Pick<DetectionRule, 'id'>,
  names: readonly string[],
  judge: (event: RuleEvent) => EventVerdict | null,
): void {
  for (const event of loadRuleEvents(context, newEventsWith(context, 'event', names))) {
    const verdict = judge(event);
    if (verdict) saveCallHit(context, rule, event, verdict);
  }
}

export function saveCallHit(context: DetectionContext, rule: Pick<DetectionRule, 'id'>, event: RuleEvent, verdict: EventVerdict): void {
  context.hits.extend(hitId(rule.id, event.row.uid), () => ({
    rule: rule.id, group: event.row.uid, ...verdict,
    principal: event.row.principal, keyRef: event.keyRef, ip: event.row.sourceIPAddress,
  }), [event]);
}

/** A call AWS refused is an attempt: one step less severe, and said so. */
export function asAttempt(event: RuleEvent, verdict: EventVerdict): EventVerdict {
  const error = event.row.errorCode;
  if (!error) return verdict;
  return {
    severity: lowerSeverity(verdict.severity),
    title: `${verdict.title} (refused)`,
    reason: `${verdict.reason.replace(/\.$/, '')}; AWS refused it (${error}), so this was an attempt.`,
  };
}
