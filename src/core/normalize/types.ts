import type { JsonObject } from '../parse/classify.js';
import type { EventKind } from './event-kind.js';

/** What one CloudTrail event becomes in the index. */
export type EntityKind =
  | 'key' | 'alias' | 'principal' | 'role' | 'account' | 'accesskey' | 'ip'
  | 'instance' | 'volume' | 'grant' | 'request' | 'enclave' | 'image' | 'ctx'
  | 'event' | 'error';

export const ENTITY_KINDS: readonly EntityKind[] = [
  'key', 'alias', 'principal', 'role', 'account', 'accesskey', 'ip',
  'instance', 'volume', 'grant', 'request', 'enclave', 'image', 'ctx', 'event', 'error',
];

export interface Entity {
  kind: EntityKind;
  value: string;
}

/**
 * Who acted: `service` for AWS acting on someone's behalf (invokedBy, AWS Internal,
 * aws:ec2-infrastructure), `human` for users, root, SSO and console sessions,
 * `workload` for other roles.
 */
export type Actor = 'service' | 'human' | 'workload' | 'unknown';

export interface EventFields {
  eventId: string | null;
  time: number | null;
  account: string | null;
  region: string | null;
  source: string | null;
  name: string | null;
  readOnly: boolean | null;
  errorCode: string | null;
  errorMessage: string | null;
  ip: string | null;
  userAgent: string | null;
  principal: string | null;
  role: string | null;
  principalType: string | null;
  accessKey: string | null;
  invokedBy: string | null;
  requestId: string | null;
  sharedEventId: string | null;
  eventType: string | null;
  kind: EventKind;
  actor: Actor;
  /** The key the call used: its ARN, or the alias ARN when the event names the key only by alias. */
  keyRef: string | null;
}

/** Where an alias (by ARN) pointed, as one event shows it; `key` null when the event does not say. */
export interface AliasFact {
  alias: string;
  key: string | null;
  change: 'create' | 'update' | 'delete' | 'seen';
}

/** The keys an event used and what it shows about aliases. */
export interface KeyUsage {
  /** Key ARNs, the key used first. */
  keys: string[];
  /** Alias names as written in the event. */
  aliasNames: string[];
  /** The alias ARN, when the event names its key only by an alias (resolved when indexed). */
  aliasOnly: string | null;
  aliasFacts: AliasFact[];
}

export interface NormalizedEvent {
  fields: EventFields;
  entities: Entity[];
  keys: KeyUsage;
  /** The parsed record: its content fingerprint is taken only when another record shares its eventID. */
  record: JsonObject;
  raw: string;
  /** `raw` as UTF-8 when the reader already has it so (a file read on another thread): spares the writer an encode. */
  rawBytes?: Buffer;
}
