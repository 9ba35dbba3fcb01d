import type { Entity, EntityKind } from '../normalize/types.js';
import type { ChainLinkKind } from './types.js';

/** One value of an event that a chain may follow: specific to one instance, volume, grant, request, ... */
export interface SpecificValue {
  kind: ChainLinkKind;
  /** The entity kind it is indexed under (a session is a `principal`). */
  entityKind: EntityKind;
  value: string;
  /**
   * Sessions and their temporary keys: followed only within a session's life, and never
   * from a call a service made on someone's behalf (that would pull in the person's whole day).
   */
  sessionBound: boolean;
}

/**
 * Link kinds in the order a chain tries them: the first shared value names the link.
 * Keys, principals, roles, IPs, accounts and context pairs are facets, never links.
 */
const LINK_ORDER: ReadonlyArray<{ kind: ChainLinkKind; entityKind: EntityKind }> = [
  { kind: 'enclave', entityKind: 'enclave' },
  { kind: 'instance', entityKind: 'instance' },
  { kind: 'volume', entityKind: 'volume' },
  { kind: 'grant', entityKind: 'grant' },
  { kind: 'request', entityKind: 'request' },
  { kind: 'session', entityKind: 'principal' },
  { kind: 'accesskey', entityKind: 'accesskey' },
];

/** A call naming more values of one kind than this (DescribeInstances of a fleet) is a list, not a link. */
const MAX_VALUES_PER_KIND = 8;

/** An assumed-role session ARN names one session; a user or role ARN names everyone's calls. */
function isSession(value: string): boolean {
  return /^arn:aws[a-z-]*:sts::\d*:assumed-role\/[^/]+\/.+/.test(value);
}

/** Only temporary (STS) keys are one session; a long-term key is as broad as its user. */
function isSessionAccessKey(value: string): boolean {
  return /^ASIA[A-Z0-9]{12,}$/.test(value);
}

function isSpecific(kind: ChainLinkKind, value: string): boolean {
  if (kind === 'session') return isSession(value);
  if (kind === 'accesskey') return isSessionAccessKey(value);
  return true;
}

/** A call naming many values of one kind (DescribeInstances of a fleet) is a list: it joins no chain through them. */
export function namesMany(entities: readonly Entity[], entityKind: EntityKind): boolean {
  let count = 0;
  for (const entity of entities) if (entity.kind === entityKind && ++count > MAX_VALUES_PER_KIND) return true;
  return false;
}

/** The values of an event a chain follows, in link order. */
export function specificValues(entities: readonly Entity[]): SpecificValue[] {
  const found: SpecificValue[] = [];
  for (const { kind, entityKind } of LINK_ORDER) {
    if (namesMany(entities, entityKind)) continue;
    const values = entities.filter((entity) => entity.kind === entityKind && isSpecific(kind, entity.value));
    const sessionBound = kind === 'session' || kind === 'accesskey';
    for (const entity of values) found.push({ kind, entityKind, value: entity.value, sessionBound });
  }
  return found;
}
