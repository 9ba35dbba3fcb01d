import type { JsonObject } from '../../parse/classify.js';
import { text } from '../../normalize/fields.js';
import { callsRule } from '../../athena/rule-sql.js';
import { asAttempt, judgeNewCalls, type EventVerdict } from '../event-rule.js';
import type { RuleEvent } from '../event-access.js';
import { shortPrincipal } from '../names.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import type { Severity } from '../types.js';
import { settingsBefore, settingsOf, type TrailSettings } from './trail-settings.js';
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
    return { severity: 'high', title: 'KMS excluded from a trail', reason: `${who} changed the event selectors of ${trail} so that it does not record kms.amazonaws.com calls: later key use is invisible in this trail.` };
  }
  if (logging === 'reads-dropped') {
    return { severity: 'medium', title: 'KMS reads excluded from a trail', reason: `${who} set ${trail} to record write events only: Decrypt, GenerateDataKey and other KMS read calls are not recorded.` };
  }
  return { severity: 'info', title: 'Trail event selectors changed', reason: `${who} changed the event selectors of ${trail}; KMS calls are still recorded.` };
}

interface TrailChange {
  severity: Severity;
  title: string;
  /** The change as the rest of "<principal> ...". */
  did: string;
}

/** What UpdateTrail changed in the log files' KMS key (as its response names it, else its request), against the last known one. */
function keyChange(request: JsonObject, after: TrailSettings, before: TrailSettings, trail: string): TrailChange | null {
  if (!('kmsKeyId' in request)) return null;
  const key = after.kmsKeyId ?? null;
  if (key === before.kmsKeyId) return null;
  if (key === null) {
    const was = before.kmsKeyId ? ` (they were encrypted with ${before.kmsKeyId})` : '';
    return { severity: 'medium', title: 'Trail log encryption with KMS turned off',
      did: `turned off KMS encryption of ${trail}'s log files with an empty kmsKeyId${was}: new log files get S3-managed encryption only, and reading them needs no KMS key permission` };
  }
  const from = before.kmsKeyId === undefined ? ' (the previous key is not in these logs)' : before.kmsKeyId === null ? ' (they had no KMS key)' : ` from ${before.kmsKeyId}`;
  return { severity: 'medium', title: "Trail's KMS key changed",
    did: `set the KMS key that encrypts ${trail}'s log files to ${key}${from}: whoever controls that key controls who can read the logs` };
}

/** What UpdateTrail changed in the delivery bucket: only a bucket other than the known one is a move. */
function bucketChange(request: JsonObject, before: TrailSettings, trail: string): TrailChange | null {
  const bucket = text(request.s3BucketName);
  if (bucket === null || bucket === before.bucket) return null;
  if (before.bucket === undefined) {
    return { severity: 'medium', title: 'Trail delivery bucket set', did: `set ${trail}'s delivery bucket to ${bucket} (the previous bucket is not in these logs)` };
  }
  return { severity: 'medium', title: 'Trail delivery moved', did: `moved ${trail}'s log delivery from bucket ${before.bucket} to ${bucket}` };
}

function updateVerdict(context: DetectionContext, event: RuleEvent, who: string, trail: string): EventVerdict {
  const request = event.request ?? {};
  const before = settingsBefore(context, event);
  const after = settingsOf(request, event.response);
  const changes = [keyChange(request, after, before, trail), bucketChange(request, before, trail)].filter((change): change is TrailChange => change !== null);
  if (changes.length > 0) {
    return { severity: changes[0]!.severity, title: changes[0]!.title, reason: `${who} ${changes.map((change) => change.did).join('; and ')}.` };
  }
  const same = [text(request.s3BucketName) ? `bucket ${text(request.s3BucketName)}` : '', text(request.kmsKeyId) ? `KMS key ${text(request.kmsKeyId)}` : ''].filter(Boolean);
  return { severity: 'low', title: 'Trail updated', reason: `${who} updated the settings of ${trail}${same.length > 0 ? `; the ${same.join(' and ')} it sent are the ones the trail already had` : ''}.` };
}

function judge(context: DetectionContext, event: RuleEvent): EventVerdict | null {
  const who = shortPrincipal(event.row.principal);
  const trail = trailOf(event);
  switch (event.row.eventName) {
    case 'PutEventSelectors':
    case 'PutAdvancedEventSelectors':
      return asAttempt(event, selectorVerdict(event, who, trail));
    case 'UpdateTrail':
      return asAttempt(event, updateVerdict(context, event, who, trail));
    case 'StopLogging':
      return asAttempt(event, { severity: 'high', title: 'Trail logging stopped', reason: `${who} stopped logging on ${trail}: that trail records nothing, KMS included, until logging is started again.` });
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
  summary: "event selectors that drop kms.amazonaws.com, StopLogging, DeleteTrail; UpdateTrail changing the trail's bucket or log-file KMS key, or turning KMS encryption off",
  run(context) {
    judgeNewCalls(context, kmsExcludedFromTrail, NAMES, (event) => judge(context, event));
  },
  athena() {
    return callsRule(NAMES, ["json_extract(requestparameters, '$.eventSelectors') AS event_selectors",
      "json_extract(requestparameters, '$.advancedEventSelectors') AS advanced_event_selectors",
      "json_extract_scalar(requestparameters, '$.kmsKeyId') AS trail_kms_key", "json_extract_scalar(requestparameters, '$.s3BucketName') AS bucket"]);
  },
};
