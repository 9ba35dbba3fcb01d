import type { JsonObject } from '../parse/classify.js';
import { extractEntities } from './entities.js';
import { eventKindOf } from './event-kind.js';
import { bool, objectField, text } from './fields.js';
import { readIdentity } from './identity.js';
import { readKeyUsage } from './key-usage.js';
import { KMS_EVENT_NAMES } from './kms-events.js';
import { parseEventTime } from './time.js';
import type { NormalizedEvent } from './types.js';

/** Seed 000 has blank eventSource on KMS calls: infer it from the name or the key. */
function inferSource(event: JsonObject, hasKey: boolean): string | null {
  const source = text(event.eventSource);
  if (source) return source;
  const name = text(event.eventName);
  if ((name && KMS_EVENT_NAMES.has(name)) || hasKey) return 'kms.amazonaws.com';
  return null;
}

/** Turns one parsed CloudTrail event into columns, entities and what it teaches about keys. */
export function normalizeEvent(event: JsonObject, raw: string): NormalizedEvent {
  const request = objectField(event.requestParameters);
  const response = objectField(event.responseElements);
  const userAgent = text(event.userAgent);
  const identity = readIdentity(event, userAgent);
  const keys = readKeyUsage(event, request, response);
  const hasKey = keys.keys.length > 0 || keys.aliasNames.length > 0;
  return {
    fields: {
      eventId: text(event.eventID),
      time: parseEventTime(event.eventTime ?? event['@timestamp']),
      account: text(event.recipientAccountId) ?? identity.account,
      region: text(event.awsRegion),
      source: inferSource(event, hasKey),
      name: text(event.eventName),
      readOnly: bool(event.readOnly),
      errorCode: text(event.errorCode),
      errorMessage: text(event.errorMessage),
      ip: text(event.sourceIPAddress),
      userAgent,
      principal: identity.principal,
      role: identity.role,
      principalType: identity.principalType,
      accessKey: identity.accessKey,
      invokedBy: identity.invokedBy,
      requestId: text(event.requestID),
      sharedEventId: text(event.sharedEventID),
      eventType: text(event.eventType),
      kind: eventKindOf(text(event.eventType), text(event.eventCategory)),
      actor: identity.actor,
      keyRef: keys.keys[0] ?? keys.aliasOnly,
    },
    entities: extractEntities({ event, identity, request, response, keys }),
    keys,
    record: event,
    raw,
  };
}
