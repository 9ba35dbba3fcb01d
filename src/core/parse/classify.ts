import type { ScannedRecord } from './scanner.js';

/** The input shapes README's "Inputs" lists, as detected from a record's content. */
export type InputShape = 'records' | 'array' | 'single' | 'lookup-events' | 'eventbridge' | 'cloudwatch-logs' | 'lake';

export type JsonObject = Record<string, unknown>;

export type ClassifiedRecord =
  | { kind: 'event'; event: JsonObject; raw: string; shape: InputShape }
  /** Digest files and public-key lists: not events, they feed integrity checks. */
  | { kind: 'digest' }
  | { kind: 'public-keys' }
  /** Valid JSON that is not a CloudTrail event. */
  | { kind: 'not-event'; reason: string }
  | { kind: 'invalid'; reason: string };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `invalid JSON: ${(error as Error).message}` };
  }
}

function looksLikeEvent(value: JsonObject): boolean {
  if (typeof value.eventName === 'string') return true;
  const hasTime = value.eventTime !== undefined || value['@timestamp'] !== undefined;
  // Insight events carry no eventName of their own, only eventType and eventID.
  return hasTime && (typeof value.eventSource === 'string' || (typeof value.eventID === 'string' && typeof value.eventType === 'string'));
}

/**
 * keytrail's own output (`keytrail query --json` rows, an incident note's `.evidence.jsonl`) holds
 * eventID, eventTime and eventName too: exported into the log folder, it must not come back as events.
 * A CloudTrail record has no `uid` and no `files`.
 */
function isKeytrailOutput(value: JsonObject): boolean {
  return typeof value.uid === 'string' && Array.isArray(value.files) && value.userIdentity === undefined;
}

/** An event carried as a JSON string (lookup-events, CloudWatch Logs, Lake `eventJson`). */
function fromEmbeddedString(text: unknown, field: string, shape: InputShape): ClassifiedRecord {
  if (typeof text !== 'string') return { kind: 'invalid', reason: `${field} is not a JSON string` };
  const parsed = parseJson(text);
  if ('error' in parsed) return { kind: 'invalid', reason: `${field}: ${parsed.error}` };
  if (!isObject(parsed.value) || !looksLikeEvent(parsed.value)) {
    return { kind: 'not-event', reason: `${field} does not hold a CloudTrail event` };
  }
  return { kind: 'event', event: parsed.value, raw: text, shape };
}

/** CloudTrail Lake rows come as `[{"eventID": ...}, {"eventTime": ...}, ...]`. */
function fromLakeRow(row: unknown[]): ClassifiedRecord {
  const merged: JsonObject = {};
  for (const cell of row) {
    if (isObject(cell)) Object.assign(merged, cell);
  }
  if (typeof merged.eventJson === 'string') return fromEmbeddedString(merged.eventJson, 'eventJson', 'lake');
  if (!looksLikeEvent(merged)) return { kind: 'not-event', reason: 'query result row without event fields' };
  return { kind: 'event', event: merged, raw: JSON.stringify(merged), shape: 'lake' };
}

function shapeOf(record: ScannedRecord): InputShape {
  if (record.container === 'Records') return 'records';
  if (record.container === 'array') return 'array';
  return 'single';
}

export function classifyObject(value: JsonObject, record: ScannedRecord): ClassifiedRecord {
  if (record.container === 'Events' || typeof value.CloudTrailEvent === 'string') {
    return fromEmbeddedString(value.CloudTrailEvent, 'CloudTrailEvent', 'lookup-events');
  }
  if (record.container === 'logEvents') return fromEmbeddedString(value.message, 'message', 'cloudwatch-logs');
  if (isObject(value.detail) && (value['detail-type'] !== undefined || value.source !== undefined)) {
    if (!looksLikeEvent(value.detail)) return { kind: 'not-event', reason: 'EventBridge event without a CloudTrail detail' };
    return { kind: 'event', event: value.detail, raw: JSON.stringify(value.detail), shape: 'eventbridge' };
  }
  if (typeof value.digestStartTime === 'string' || (Array.isArray(value.logFiles) && 'digestEndTime' in value)) {
    return { kind: 'digest' };
  }
  if (Array.isArray(value.PublicKeyList) || Array.isArray(value.publicKeyList)) return { kind: 'public-keys' };
  if (isKeytrailOutput(value)) return { kind: 'not-event', reason: 'keytrail\'s own output (query --json, a note\'s evidence), not a CloudTrail record' };
  if (looksLikeEvent(value)) return { kind: 'event', event: value, raw: record.text.trim(), shape: shapeOf(record) };
  return { kind: 'not-event', reason: 'JSON object without CloudTrail event fields (no eventName)' };
}

/** Parses one scanned record and says what it is. */
export function classifyRecord(record: ScannedRecord): ClassifiedRecord {
  const parsed = parseJson(record.text);
  if ('error' in parsed) return { kind: 'invalid', reason: parsed.error };
  const value = parsed.value;
  if (Array.isArray(value)) return fromLakeRow(value);
  if (!isObject(value)) return { kind: 'invalid', reason: 'record is not a JSON object' };
  return classifyObject(value, record);
}
