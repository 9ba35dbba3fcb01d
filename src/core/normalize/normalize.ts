import type { JsonObject } from '../parse/classify.js';
import { extractEntities, findKeys } from './entities.js';
import { bool, objectField, text } from './fields.js';
import { readIdentity } from './identity.js';
import { KMS_EVENT_NAMES } from './kms-events.js';
import type { KeyRef } from './key-ref.js';
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

function primaryKeyRef(refs: KeyRef[]): string | null {
  const key = refs.find((ref) => ref.kind === 'key');
  if (key?.kind === 'key') return key.keyId;
  const alias = refs.find((ref) => ref.kind === 'alias');
  return alias?.kind === 'alias' ? alias.alias : null;
}

/** Turns one parsed CloudTrail event into columns, entities and what it teaches about keys. */
export function normalizeEvent(event: JsonObject, raw: string): NormalizedEvent {
  const request = objectField(event.requestParameters);
  const response = objectField(event.responseElements);
  const userAgent = text(event.userAgent);
  const identity = readIdentity(event, userAgent);
  const keys = findKeys(event, request, response);
  const keyArns = keys.refs.flatMap((ref) => (ref.kind === 'key' && ref.arn ? [{ keyId: ref.keyId, arn: ref.arn }] : []));
  const hasKey = keys.refs.length > 0;
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
      actor: identity.actor,
      keyRef: primaryKeyRef(keys.refs),
    },
    entities: extractEntities({ event, identity, request, response, keys }),
    keyArns,
    aliasLinks: keys.aliasLinks,
    raw,
  };
}
