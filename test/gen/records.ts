import { gunzipSync } from 'node:zlib';
import type { CloudTrailEvent } from '../../src/gen/event-types.js';
import type { FileTree } from '../../src/gen/file-tree.js';

/** Test helpers: open generated Records files the way a reader would. */

export function parseRecordsFile(bytes: Buffer): { text: string; records: CloudTrailEvent[] } {
  const text = gunzipSync(bytes).toString('utf8');
  const parsed = JSON.parse(text) as { Records: CloudTrailEvent[] };
  return { text, records: parsed.Records };
}

export function recordsOfTree(tree: FileTree): { path: string; records: CloudTrailEvent[] }[] {
  return [...tree.entries()].filter(([path]) => path.endsWith('.json.gz')).map(([path, bytes]) => ({ path, records: parseRecordsFile(bytes).records }));
}

/** Fields every generated event carries, with the types a reader relies on. */
export function missingRequiredFields(event: CloudTrailEvent): string[] {
  const problems: string[] = [];
  const stringFields = ['eventVersion', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'requestID', 'eventID', 'eventType', 'recipientAccountId', 'eventCategory'] as const;
  for (const field of stringFields) if (typeof event[field] !== 'string' || event[field] === '') problems.push(field);
  if (event.eventVersion !== '1.08') problems.push('eventVersion 1.08');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(event.eventTime)) problems.push('eventTime ISO Z');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(event.eventID)) problems.push('eventID UUID');
  if (typeof event.readOnly !== 'boolean') problems.push('readOnly');
  if (typeof event.managementEvent !== 'boolean') problems.push('managementEvent');
  if (!/^\d{12}$/.test(event.recipientAccountId)) problems.push('recipientAccountId');
  if (typeof event.userIdentity !== 'object' || event.userIdentity === null) problems.push('userIdentity');
  return problems;
}
