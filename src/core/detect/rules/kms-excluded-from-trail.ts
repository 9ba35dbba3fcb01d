import { text } from '../../normalize/fields.js';
import { callsRule } from '../../athena/rule-sql.js';
import { asAttempt, judgeNewCalls, type EventVerdict } from '../event-rule.js';
import type { RuleEvent } from '../event-access.js';
import { shortPrincipal } from '../names.js';
import type { DetectionRule } from '../rule.js';
import { advancedSelectorsKms, basicSelectorsKms, type KmsLogging } from './trail-selectors.js';

const NAMES = ['PutEventSelectors', 'PutAdvancedEventSelectors', 'UpdateTrail', 'StopLogging', 'DeleteTrail', 'StartLogging'];

function trailOf(event: RuleEvent): string {
  return text(event.request?.trailName) ?? text(event.request?.name) ?? 'a trail';
}

function selectorVerdict(event: RuleEvent, who: string, trail: string): EventVerdict {
  const request = event.request ?? {};
  const advanced = request.advancedEventSelectors ?? request.AdvancedEventSelectors;
  const logging: KmsLogging = advanced !== undefined ? advancedSelectorsKms(advanced) : basicSelectorsKms(request.eventSelectors ?? request.EventSelectors);
  if (logging === 'dropped') {
    return { severity: 'high', title: 'KMS excluded from a trail', reason: `${who} changed the event selectors of ${trail} so that it no longer records kms.amazonaws.com calls: later key use is invisible in this trail.` };
  }
  if (logging === 'reads-dropped') {
    return { severity: 'medium', title: 'KMS reads excluded from a trail', reason: `${who} set ${trail} to record write events only: Decrypt, GenerateDataKey and other KMS read calls are no longer recorded.` };
  }
  return { severity: 'info', title: 'Trail event selectors changed', reason: `${who} changed the event selectors of ${trail}; KMS calls are still recorded.` };
}

function updateVerdict(event: RuleEvent, who: string, trail: string): EventVerdict {
  const request = event.request ?? {};
  if (text(request.kmsKeyId) !== null) {
    return { severity: 'medium', title: "Trail's KMS key changed", reason: `${who} changed the KMS key that encrypts ${trail}'s log files to ${text(request.kmsKeyId)}: whoever controls that key controls who can read the logs.` };
  }
  if (text(request.s3BucketName) !== null) {
    return { severity: 'medium', title: 'Trail delivery moved', reason: `${who} moved ${trail}'s log delivery to bucket ${text(request.s3BucketName)}.` };
  }
  return { severity: 'low', title: 'Trail updated', reason: `${who} updated the settings of ${trail}.` };
}

function judge(event: RuleEvent): EventVerdict | null {
  const who = shortPrincipal(event.row.principal);
  const trail = trailOf(event);
  switch (event.row.eventName) {
    case 'PutEventSelectors':
    case 'PutAdvancedEventSelectors':
      return asAttempt(event, selectorVerdict(event, who, trail));
    case 'UpdateTrail':
      return asAttempt(event, updateVerdict(event, who, trail));
    case 'StopLogging':
      return asAttempt(event, { severity: 'high', title: 'Trail logging stopped', reason: `${who} stopped logging on ${trail}: nothing, KMS included, is recorded until it is started again.` });
    case 'DeleteTrail':
      return asAttempt(event, { severity: 'high', title: 'Trail deleted', reason: `${who} deleted ${trail}: its recording and delivery stop.` });
    case 'StartLogging':
      return asAttempt(event, { severity: 'info', title: 'Trail logging started', reason: `${who} started logging on ${trail}.` });
    default:
      return null;
  }
}

export const kmsExcludedFromTrail: DetectionRule = {
  id: 'kms-excluded-from-trail',
  title: 'KMS dropped from a trail',
  severity: 'high',
  summary: "event selectors that drop kms.amazonaws.com, UpdateTrail changing the trail's KMS key, StopLogging, DeleteTrail",
  run(context) {
    judgeNewCalls(context, kmsExcludedFromTrail, NAMES, judge);
  },
  athena() {
    return callsRule(NAMES, ["json_extract(requestparameters, '$.eventSelectors') AS event_selectors",
      "json_extract(requestparameters, '$.advancedEventSelectors') AS advanced_event_selectors",
      "json_extract_scalar(requestparameters, '$.kmsKeyId') AS trail_kms_key", "json_extract_scalar(requestparameters, '$.s3BucketName') AS bucket"]);
  },
};
