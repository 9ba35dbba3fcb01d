import type { JsonObject } from '../../parse/classify.js';
import { objectField, text } from '../../normalize/fields.js';
import { anchoredEvents, rawRecords, type RuleEvent } from '../event-access.js';
import type { DetectionContext } from '../rule.js';

/**
 * A trail's delivery bucket and log-file KMS key as the logs show them: `undefined` when no
 * event says, `null` for a key known to be unset (SSE-S3 only).
 */
export interface TrailSettings {
  bucket?: string;
  kmsKeyId?: string | null;
}

/** The trail a call names (`name` or `trailName`, a name or an ARN), as its bare name. */
export function trailName(request: JsonObject | null): string | null {
  const named = text(request?.name) ?? text(request?.trailName);
  return named ? named.replace(/^arn:aws[a-z-]*:cloudtrail:[^:]*:\d*:trail\//, '') : null;
}

/**
 * What one CreateTrail/UpdateTrail says about the trail afterwards. A response with a bucket
 * describes the whole trail (no `kmsKeyId` there: no KMS key); a request states only what it sets,
 * and an empty `kmsKeyId` turns KMS encryption of the log files off.
 */
export function settingsOf(request: JsonObject | null, response: JsonObject | null): TrailSettings {
  const settings: TrailSettings = {};
  const bucket = text(response?.s3BucketName) ?? text(request?.s3BucketName);
  if (bucket) settings.bucket = bucket;
  if (text(response?.s3BucketName)) settings.kmsKeyId = text(response?.kmsKeyId);
  else if (request && 'kmsKeyId' in request) settings.kmsKeyId = text(request.kmsKeyId);
  return settings;
}

/** The trail's settings just before this call, from the earlier successful CreateTrail/UpdateTrail of the same trail and account. */
export function settingsBefore(context: DetectionContext, call: RuleEvent): TrailSettings {
  const name = trailName(call.request);
  if (!name) return {};
  const earlier = ['CreateTrail', 'UpdateTrail'].flatMap((eventName) => anchoredEvents(context, {
    anchors: [{ kinds: ['event'], value: eventName }], until: call.time,
    where: 'e.error_code IS NULL AND e.account IS ? AND e.seq <> ?', params: [call.row.account, call.seq],
  })).sort((a, b) => a.time - b.time || a.seq - b.seq);
  const records = rawRecords(context, earlier.map((event) => event.seq));
  const known: TrailSettings = {};
  for (const event of earlier) {
    const record = records.get(event.seq);
    const request = objectField(record?.requestParameters);
    if (trailName(request) !== name && text(objectField(record?.responseElements)?.name) !== name) continue;
    Object.assign(known, settingsOf(request, objectField(record?.responseElements)));
  }
  return known;
}
