import type { JsonObject } from '../parse/classify.js';
import { arrayField, ec2Items, objectField, text } from '../normalize/fields.js';
import { truncate } from '../text/fit.js';
import type { SpecificValue } from './specific-values.js';

/** What was shared and where this event holds it ("instance id in granteePrincipal"), or null when only the kind is known. */
type Locator = (event: JsonObject, value: string, name: string) => string | null;

const CONTEXT_FIELDS = ['encryptionContext', 'sourceEncryptionContext', 'destinationEncryptionContext'];

const request = (event: JsonObject) => objectField(event.requestParameters);
const response = (event: JsonObject) => objectField(event.responseElements);

function instanceIds(source: JsonObject | null): string[] {
  const ids = [source?.instanceId, ...ec2Items(source?.instancesSet).map((item) => item.instanceId), ...arrayField(source?.instanceIds)];
  return ids.map(text).filter((id): id is string => id !== null);
}

function instanceWhere(event: JsonObject, value: string, name: string): string | null {
  if (instanceIds(response(event)).includes(value)) return `in ${name} response`;
  if (instanceIds(request(event)).includes(value)) return `in ${name} request`;
  for (const field of ['granteePrincipal', 'retiringPrincipal']) {
    if (text(request(event)?.[field])?.endsWith(value)) return `in ${field}`;
  }
  const recipient = objectField(objectField(event.additionalEventData)?.recipient);
  if (text(recipient?.attestationDocumentModuleId)?.startsWith(`${value}-`)) return 'in enclave module id';
  const identity = objectField(event.userIdentity);
  const caller = `${text(identity?.arn) ?? ''} ${text(identity?.principalId) ?? ''}`;
  if (caller.includes('aws:ec2-infrastructure')) return 'in aws:ec2-infrastructure session';
  return caller.includes(value) ? 'in role session name' : null;
}

const instance: Locator = (event, value, name) => {
  const where = instanceWhere(event, value, name);
  return where ? `instance id ${where}` : null;
};

const volume: Locator = (event, value, name) => {
  const params = request(event);
  if (CONTEXT_FIELDS.some((field) => text(objectField(params?.[field])?.['aws:ebs:id']) === value)) return 'aws:ebs:id in encryption context';
  if (objectField(params?.constraints)) return 'aws:ebs:id in grant constraints';
  if (text(response(event)?.volumeId) === value) return `volume id in ${name} response`;
  return text(params?.volumeId) === value ? `volume id in ${name} request` : null;
};

const grant: Locator = (event, value, name) => {
  if (value.startsWith('token:')) return 'grant token';
  if (text(response(event)?.grantId) === value) return `grantId in ${name} response`;
  if (text(request(event)?.grantId) === value) return `grantId in ${name} request`;
  return text(objectField(event.additionalEventData)?.grantId) === value ? `grantId in ${name}` : null;
};

const accessKey: Locator = (event, value, name) =>
  text(objectField(response(event)?.credentials)?.accessKeyId) === value ? `access key, issued in ${name} response` : null;

const none: Locator = () => null;

const PHRASES: Record<SpecificValue['kind'], { fallback: string; locate: Locator }> = {
  instance: { fallback: 'instance id', locate: instance },
  volume: { fallback: 'volume id', locate: volume },
  grant: { fallback: 'grantId', locate: grant },
  request: { fallback: 'requestID', locate: none },
  enclave: { fallback: 'enclave module id', locate: none },
  session: { fallback: 'assumed-role session', locate: none },
  accesskey: { fallback: 'access key', locate: accessKey },
};

/**
 * Why an event shares a value with the chain, read from its raw JSON:
 * "same instance id in granteePrincipal", "same aws:ebs:id in encryption context".
 */
export function linkReason(event: JsonObject, link: SpecificValue): string {
  const name = truncate(text(event.eventName) ?? 'event', 48);
  const phrase = PHRASES[link.kind];
  return `same ${phrase.locate(event, link.value, name) ?? phrase.fallback}`;
}
