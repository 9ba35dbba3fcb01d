import { hash } from 'node:crypto';
import type { JsonObject } from '../parse/classify.js';
import { arrayField, ec2Items, objectField, text } from './fields.js';
import type { Identity } from './identity.js';
import type { Entity, EntityKind, KeyUsage } from './types.js';

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
const INSTANCE_IN_PRINCIPAL = /(?:aws:ec2-infrastructure[:/]|assumed-role\/[^/]+\/|^[A-Z0-9]+:)(i-[0-9a-f]{8,17})$/;
const ENCLAVE_MODULE = /^(i-[0-9a-f]{8,17})-enc[0-9a-f]+$/;
/** Entity values longer than this stay in the raw event only; they are no filter material. */
const MAX_VALUE_LENGTH = 1024;
const MAX_CONTEXT_PAIRS = 64;
const CONTEXT_FIELDS = ['encryptionContext', 'sourceEncryptionContext', 'destinationEncryptionContext'] as const;

/** Entities compared one by one up to this many; past it (a record listing thousands of instances), by a set. */
const COMPARED_ENTITIES = 32;

/**
 * Collects (kind, value) pairs once each, in the order found. An event has a dozen or so: comparing
 * with each one found costs a seventh of keying a set by a joined string, which hashes every value.
 * A record with more (log fields are anyone's) gets the set, so its cost stays linear.
 */
export class EntitySet {
  readonly list: Entity[] = [];
  private keys: Set<string> | null = null;

  add(kind: EntityKind, value: string | null): void {
    if (value === null || value.length === 0 || value.length > MAX_VALUE_LENGTH) return;
    if (this.keys === null && this.list.length >= COMPARED_ENTITIES) this.keys = new Set(this.list.map((entity) => keyOf(entity.kind, entity.value)));
    if (this.keys) {
      const key = keyOf(kind, value);
      if (this.keys.has(key)) return;
      this.keys.add(key);
    } else {
      for (const entity of this.list) if (entity.kind === kind && entity.value === value) return;
    }
    this.list.push({ kind, value });
  }
}

const keyOf = (kind: EntityKind, value: string) => `${kind}\u0000${value}`;

export function instanceFromPrincipal(value: string | null): string | null {
  if (!value) return null;
  return INSTANCE_IN_PRINCIPAL.exec(value)?.[1] ?? null;
}

function addInstance(entities: EntitySet, value: unknown): void {
  const id = text(value);
  if (id && INSTANCE_ID.test(id)) entities.add('instance', id);
}

/** Grant tokens are long secrets: index a short hash that links issuer and user. */
export function grantTokenEntity(token: string): string {
  return `token:${hash('sha256', token, 'hex').slice(0, 16)}`;
}

function addContext(entities: EntitySet, context: JsonObject | null): void {
  if (!context) return;
  let pairs = 0;
  for (const [name, raw] of Object.entries(context)) {
    if (pairs++ >= MAX_CONTEXT_PAIRS) return;
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? '';
    entities.add('ctx', `${name}=${value}`);
    if (name === 'aws:ebs:id') entities.add('volume', value);
  }
}

function addEc2(entities: EntitySet, request: JsonObject | null, response: JsonObject | null): void {
  addInstance(entities, request?.instanceId);
  for (const item of ec2Items(request?.instancesSet)) addInstance(entities, item.instanceId);
  for (const item of ec2Items(response?.instancesSet)) addInstance(entities, item.instanceId);
  for (const id of arrayField(request?.instanceIds)) addInstance(entities, id);
  // Instance-profile credentials: EC2 assumes the role with the instance id as the session name.
  addInstance(entities, request?.roleSessionName);
  addInstance(entities, instanceFromPrincipal(text(objectField(response?.assumedRoleUser)?.arn)));
  for (const source of [request, response]) {
    const volume = text(source?.volumeId);
    if (volume?.startsWith('vol-')) entities.add('volume', volume);
  }
}

function addGrant(entities: EntitySet, request: JsonObject | null, response: JsonObject | null, additional: JsonObject | null): void {
  entities.add('grant', text(response?.grantId));
  entities.add('grant', text(request?.grantId));
  // RetireGrant logs its grant id here, with null request parameters.
  entities.add('grant', text(additional?.grantId));
  const tokens = [request?.grantToken, response?.grantToken, ...arrayField(request?.grantTokens)];
  for (const token of tokens) if (typeof token === 'string' && token.length > 0) entities.add('grant', grantTokenEntity(token));
  for (const field of ['granteePrincipal', 'retiringPrincipal']) {
    addInstance(entities, instanceFromPrincipal(text(request?.[field])));
  }
  const constraints = objectField(request?.constraints);
  addContext(entities, objectField(constraints?.encryptionContextSubset));
  addContext(entities, objectField(constraints?.encryptionContextEquals));
}

function addEnclave(entities: EntitySet, additional: JsonObject | null): void {
  const recipient = objectField(additional?.recipient);
  if (!recipient) return;
  const moduleId = text(recipient.attestationDocumentModuleId);
  entities.add('enclave', moduleId);
  addInstance(entities, moduleId ? ENCLAVE_MODULE.exec(moduleId)?.[1] : null);
  entities.add('image', text(recipient.attestationDocumentEnclaveImageDigest));
  for (const [name, value] of Object.entries(recipient)) {
    const pcr = /^attestationDocumentEnclavePCR(\d+)$/.exec(name);
    if (pcr && typeof value === 'string') entities.add('image', `pcr${pcr[1]}:${value}`);
  }
}

export interface EntityInput {
  event: JsonObject;
  identity: Identity;
  request: JsonObject | null;
  response: JsonObject | null;
  keys: KeyUsage;
}

export function extractEntities({ event, identity, request, response, keys }: EntityInput): Entity[] {
  const entities = new EntitySet();
  // An event that names its key only by alias carries the alias ARN as its key until the writer resolves it.
  for (const key of keys.aliasOnly ? [keys.aliasOnly] : keys.keys) entities.add('key', key);
  for (const alias of keys.aliasNames) entities.add('alias', alias);
  entities.add('principal', identity.principal);
  entities.add('role', identity.role);
  entities.add('account', text(event.recipientAccountId));
  entities.add('account', identity.account);
  entities.add('accesskey', identity.accessKey);
  // AssumeRole and GetSessionToken issue a session's key: `accesskey:ASIA...` finds where it came from.
  entities.add('accesskey', text(objectField(response?.credentials)?.accessKeyId));
  entities.add('ip', text(event.sourceIPAddress));
  entities.add('event', text(event.eventName));
  entities.add('error', text(event.errorCode));
  entities.add('request', text(event.requestID));
  addInstance(entities, instanceFromPrincipal(identity.principal));
  addInstance(entities, instanceFromPrincipal(text(objectField(event.userIdentity)?.principalId)));
  for (const field of CONTEXT_FIELDS) addContext(entities, objectField(request?.[field]));
  addEc2(entities, request, response);
  addGrant(entities, request, response, objectField(event.additionalEventData));
  addEnclave(entities, objectField(event.additionalEventData));
  return entities.list;
}
