import type { EntityKind } from '../normalize/types.js';

/** How a filter field is matched: an entity kind, an event column, a time bound, or the event id. */
export type FieldTarget =
  | { type: 'entity'; kind: EntityKind }
  | { type: 'key' }
  | { type: 'column'; column: 'actor' | 'region' | 'source' | 'kind' }
  | { type: 'time'; bound: 'since' | 'until' }
  | { type: 'id' }
  | { type: 'request' }
  | { type: 'hit' }
  | { type: 'text' };

export interface FilterField {
  name: string;
  target: FieldTarget;
  description: string;
  example: string;
}

const entity = (kind: EntityKind): FieldTarget => ({ type: 'entity', kind });

/** Every field of the filter language, shared by the TUI (completion, help), the CLI and exports. */
export const FILTER_FIELDS: readonly FilterField[] = [
  { name: 'key', target: { type: 'key' }, description: 'KMS key by alias, key id or ARN', example: 'key:alias/prod-data' },
  { name: 'principal', target: entity('principal'), description: 'caller ARN (wildcards, or its last part)', example: 'principal:*alice*' },
  { name: 'role', target: entity('role'), description: 'role behind an assumed-role session', example: 'role:app-server' },
  { name: 'event', target: entity('event'), description: 'event name, comma for several', example: 'event:Decrypt,GenerateDataKey' },
  { name: 'error', target: entity('error'), description: 'error code; error:* for any error', example: 'error:AccessDenied*' },
  { name: 'ip', target: entity('ip'), description: 'source IP, or a CIDR range', example: 'ip:203.0.113.0/24' },
  { name: 'instance', target: entity('instance'), description: 'EC2 instance id', example: 'instance:i-81e2f56c' },
  { name: 'ctx', target: entity('ctx'), description: 'encryption-context pair name=value', example: 'ctx:customerId=cust-98765' },
  { name: 'volume', target: entity('volume'), description: 'EBS volume id', example: 'volume:vol-f67bafb2' },
  { name: 'grant', target: entity('grant'), description: 'KMS grant id', example: 'grant:abcde123*' },
  { name: 'request', target: { type: 'request' }, description: 'request id', example: 'request:41c4b4f7-*' },
  { name: 'accesskey', target: entity('accesskey'), description: 'access key id', example: 'accesskey:AKIA*' },
  { name: 'account', target: entity('account'), description: 'account id (caller or recipient)', example: 'account:111122223333' },
  { name: 'alias', target: entity('alias'), description: 'alias name as written in the event', example: 'alias:alias/aws/ebs' },
  { name: 'enclave', target: entity('enclave'), description: 'Nitro enclave module id', example: 'enclave:i-*-enc*' },
  { name: 'image', target: entity('image'), description: 'enclave image digest (or pcrN:value)', example: 'image:ee0d45*' },
  { name: 'actor', target: { type: 'column', column: 'actor' }, description: 'service, human, workload or unknown', example: 'actor:human' },
  { name: 'kind', target: { type: 'column', column: 'kind' }, description: 'record kind: api-call, network-activity (VPC endpoint), service-event, console-signin, console-action, insight', example: 'kind:network-activity' },
  { name: 'region', target: { type: 'column', column: 'region' }, description: 'AWS region of the call', example: 'region:us-east-1' },
  { name: 'source', target: { type: 'column', column: 'source' }, description: 'event source', example: 'source:kms.amazonaws.com' },
  { name: 'since', target: { type: 'time', bound: 'since' }, description: 'from a time (ISO, UTC) or an age (2h, 30m, 7d)', example: 'since:2h' },
  { name: 'until', target: { type: 'time', bound: 'until' }, description: 'up to a time (ISO, UTC) or an age', example: 'until:2026-11-21T04:00Z' },
  { name: 'id', target: { type: 'id' }, description: 'event id', example: 'id:edb65380-*' },
  { name: 'hit', target: { type: 'hit' }, description: 'the events behind a detection hit (keytrail detect)', example: 'hit:decrypt-failure-burst:efdf7c89e0716507' },
];

export const FIELD_BY_NAME: ReadonlyMap<string, FilterField> = new Map(FILTER_FIELDS.map((field) => [field.name, field]));
