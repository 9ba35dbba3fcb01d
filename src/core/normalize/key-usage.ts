import { isObject, type JsonObject } from '../parse/classify.js';
import { arrayField, objectField, text } from './fields.js';
import { aliasArn, keyArn, parseKeyRef, placeOf, type KeyPlace, type KeyRef } from './key-ref.js';
import type { AliasFact, KeyUsage } from './types.js';

const KEY_FIELDS = ['keyId', 'sourceKeyId', 'destinationKeyId', 'targetKeyId'] as const;

/** Every key reference: resources first (they hold the key used), then request and response fields. */
function keyRefs(event: JsonObject, request: JsonObject | null, response: JsonObject | null): KeyRef[] {
  const resources = arrayField(event.resources).filter(isObject).map((resource) => resource.ARN ?? resource.arn);
  const metadata = objectField(response?.keyMetadata);
  const replica = objectField(response?.replicaKeyMetadata);
  const values = [...resources, ...KEY_FIELDS.map((field) => request?.[field]), request?.aliasName,
    response?.keyId, metadata?.arn, metadata?.keyId, replica?.arn];
  return values.map(parseKeyRef).filter((ref) => ref !== null);
}

/** The event's own account and region: where a bare key id or alias name is looked up. */
function eventPlace(event: JsonObject, refs: KeyRef[]): KeyPlace {
  const partition = refs.map((ref) => (ref.arn ? placeOf(ref.arn)?.partition : undefined)).find((found) => found) ?? 'aws';
  const account = text(event.recipientAccountId) ?? text(objectField(event.userIdentity)?.accountId) ?? '';
  return { partition, region: text(event.awsRegion) ?? '', account };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * The keys an event used, by ARN: a bare id is the key of that id the event also shows by
 * ARN, else the one in the event's account and region (a bare id names no other). A bare alias
 * name lives where the event's one key lives (else in the event's account and region).
 */
export function readKeyUsage(event: JsonObject, request: JsonObject | null, response: JsonObject | null): KeyUsage {
  const refs = keyRefs(event, request, response);
  const place = eventPlace(event, refs);
  const arnById = new Map<string, string>();
  for (const ref of refs) if (ref.kind === 'key' && ref.arn && !arnById.has(ref.keyId)) arnById.set(ref.keyId, ref.arn);
  const keys = unique(refs.flatMap((ref) => (ref.kind === 'key' ? [ref.arn ?? arnById.get(ref.keyId) ?? keyArn(place, ref.keyId)] : [])));
  const aliasRefs = refs.filter((ref) => ref.kind === 'alias');
  const home = (keys.length === 1 ? placeOf(keys[0]!) : null) ?? place;
  const arnByName = new Map<string, string>();
  for (const ref of aliasRefs) if (ref.arn && !arnByName.has(ref.alias)) arnByName.set(ref.alias, ref.arn);
  const aliases = unique(aliasRefs.map((ref) => ref.arn ?? arnByName.get(ref.alias) ?? aliasArn(home, ref.alias)));
  return {
    keys,
    aliasNames: unique(aliasRefs.map((ref) => ref.alias)),
    aliasOnly: keys.length === 0 ? aliases[0] ?? null : null,
    aliasFacts: aliasFacts(event, request, keys, aliases, home),
  };
}

/**
 * What the event shows about where an alias points: a successful CreateAlias / UpdateAlias /
 * DeleteAlias moves it; any other event that names an alias and shows its one key saw it there.
 */
function aliasFacts(event: JsonObject, request: JsonObject | null, keys: string[], aliases: string[], home: KeyPlace): AliasFact[] {
  const name = text(event.eventName);
  const failed = text(event.errorCode) !== null;
  const change = name === 'CreateAlias' ? 'create' : name === 'UpdateAlias' ? 'update' : name === 'DeleteAlias' ? 'delete' : null;
  if (change) {
    if (failed) return [];
    const named = parseKeyRef(request?.aliasName);
    const alias = named?.kind === 'alias' ? named.arn ?? aliases.find((arn) => arn.endsWith(`:${named.alias}`)) ?? aliasArn(home, named.alias) : aliases[0];
    const target = parseKeyRef(request?.targetKeyId);
    const key = target?.kind === 'key' ? keys.find((arn) => arn.endsWith(`:key/${target.keyId}`)) ?? null : keys.length === 1 ? keys[0]! : null;
    return alias ? [{ alias, key, change }] : [];
  }
  // Most calls name no alias: nothing more to read for them.
  if (keys.length !== 1 || aliases.length === 0) return [];
  // A call that names two keys (ReEncrypt's source and destination) and shows one does not say which of
  // them an alias was: refused, it shows only the key it could resolve (by ARN). Done, with that one key
  // in resources[], it is what both named (a ReEncrypt under the same key).
  const named = [...KEY_FIELDS, 'aliasName'].filter((field) => parseKeyRef(request?.[field]) !== null).length;
  if (named > 1 && (failed || !arrayField(event.resources).filter(isObject).some((resource) => parseKeyRef(resource.ARN ?? resource.arn)?.kind === 'key'))) return [];
  return aliases.map((alias) => ({ alias, key: keys[0]!, change: 'seen' }));
}
