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
  actor: Actor;
  /** The key the call used: key id, or alias name when the event shows no key id. */
  keyRef: string | null;
}

export interface AliasLink {
  alias: string;
  keyId: string;
  account: string | null;
  region: string | null;
}

export interface NormalizedEvent {
  fields: EventFields;
  entities: Entity[];
  /** Key ARNs seen in this event, by key id. */
  keyArns: Array<{ keyId: string; arn: string }>;
  aliasLinks: AliasLink[];
  raw: string;
}
