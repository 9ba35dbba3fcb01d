import type { JsonObject } from '../parse/classify.js';
import { arrayField, ec2Items, objectField, text } from '../normalize/fields.js';
import { truncate } from '../text/fit.js';
import type { SpecificValue } from './specific-values.js';

/**
 * Where one event holds a shared value. `cause`: a place that makes or hands out the
 * value (RunInstances response, CreateGrant, AssumeRole credentials, a shared requestID):
 * the chain grows on from such an event. Elsewhere (a call made as the instance or
 * session, a request that only names it) the event joins the chain as a leaf.
 */
export interface LinkPlace {
  reason: string;
  cause: boolean;
}

/** What was shared and where this event holds it ("instance id in granteePrincipal"), or null when only the kind is known. */
type Locator = (event: JsonObject, value: string, name: string) => LinkPlace | null;

const CONTEXT_FIELDS = ['encryptionContext', 'sourceEncryptionContext', 'destinationEncryptionContext'];

const request = (event: JsonObject) => objectField(event.requestParameters);
const response = (event: JsonObject) => objectField(event.responseElements);
const place = (reason: string, cause: boolean): LinkPlace => ({ reason, cause });

function instanceIds(source: JsonObject | null): string[] {
  const ids = [source?.instanceId, ...ec2Items(source?.instancesSet).map((item) => item.instanceId), ...arrayField(source?.instanceIds)];
  return ids.map(text).filter((id): id is string => id !== null);
}

const instance: Locator = (event, value, name) => {
  if (instanceIds(response(event)).includes(value)) return place(`instance id in ${name} response`, true);
  for (const field of ['granteePrincipal', 'retiringPrincipal']) {
    if (text(request(event)?.[field])?.endsWith(value)) return place(`instance id in ${field}`, true);
  }
  if (instanceIds(request(event)).includes(value)) return place(`instance id in ${name} request`, false);
  const recipient = objectField(objectField(event.additionalEventData)?.recipient);
  if (text(recipient?.attestationDocumentModuleId)?.startsWith(`${value}-`)) return place('instance id in enclave module id', false);
  const identity = objectField(event.userIdentity);
  const caller = `${text(identity?.arn) ?? ''} ${text(identity?.principalId) ?? ''}`;
  if (caller.includes('aws:ec2-infrastructure')) return place('instance id in aws:ec2-infrastructure session', false);
  return caller.includes(value) ? place('instance id in role session name', false) : null;
};

const volume: Locator = (event, value, name) => {
  const params = request(event);
  if (CONTEXT_FIELDS.some((field) => text(objectField(params?.[field])?.['aws:ebs:id']) === value)) return place('aws:ebs:id in encryption context', false);
  if (objectField(params?.constraints)) return place('aws:ebs:id in grant constraints', true);
  if (text(response(event)?.volumeId) === value) return place(`volume id in ${name} response`, true);
  return text(params?.volumeId) === value ? place(`volume id in ${name} request`, false) : null;
};

const grant: Locator = (event, value, name) => {
  if (value.startsWith('token:')) return place('grant token', false);
  if (text(response(event)?.grantId) === value) return place(`grantId in ${name} response`, true);
  if (text(request(event)?.grantId) === value) return place(`grantId in ${name} request`, false);
  return text(objectField(event.additionalEventData)?.grantId) === value ? place(`grantId in ${name}`, false) : null;
};

const accessKey: Locator = (event, value, name) =>
  text(objectField(response(event)?.credentials)?.accessKeyId) === value ? place(`access key, issued in ${name} response`, true) : null;

/** A requestID shared by two events is a service's on-behalf call and the API call it served. */
const requestId: Locator = () => place('requestID', true);

const none: Locator = () => null;

const LOCATORS: Record<SpecificValue['kind'], { fallback: string; locate: Locator }> = {
  instance: { fallback: 'instance id', locate: instance },
  volume: { fallback: 'volume id', locate: volume },
  grant: { fallback: 'grantId', locate: grant },
  request: { fallback: 'requestID', locate: requestId },
  enclave: { fallback: 'enclave module id', locate: none },
  session: { fallback: 'assumed-role session', locate: none },
  accesskey: { fallback: 'access key', locate: accessKey },
};

/**
 * Why an event shares a value with the chain, read from its raw JSON
 * ("same instance id in granteePrincipal", "same aws:ebs:id in encryption context"),
 * and whether the chain grows on from it.
 */
export function linkPlace(event: JsonObject, link: SpecificValue): LinkPlace {
  const name = truncate(text(event.eventName) ?? 'event', 48);
  const locator = LOCATORS[link.kind];
  const found = locator.locate(event, link.value, name) ?? place(locator.fallback, false);
  return { reason: `same ${found.reason}`, cause: found.cause };
}
