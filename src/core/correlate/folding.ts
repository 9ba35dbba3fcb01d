import type { Entity } from '../normalize/types.js';
import type { EventRow } from '../query/event-rows.js';

/** Who made a call, as folding needs it: an EventRow has these fields, and so does a raw event once normalized. */
export type Caller = Pick<EventRow, 'principal' | 'principalType' | 'invokedBy' | 'userAgent' | 'eventSource' | 'actor'>;

const EC2_INFRASTRUCTURE = /(^|[:/])aws:ec2-infrastructure([:/]|$)/;
/** How AWS writes its own user agent; the KMS guide's copies also show `&AWS; Internal`. */
const AWS_INTERNAL = /^&?AWS;?\s*Internal$/i;
const SERVICE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/** An AWS service itself, not a person or role: it can act for a root, never be one. */
export function isServicePrincipal(caller: Caller): boolean {
  if (!caller.principal) return true;
  return caller.principalType === 'AWSService' || EC2_INFRASTRUCTURE.test(caller.principal);
}

/**
 * A KMS call an AWS service made on someone's behalf (invokedBy, `AWS Internal`,
 * aws:ec2-infrastructure): folded under the person whose action caused it. An
 * enclave's calls are its own work, whatever the user agent says.
 */
export function isFolded(caller: Caller, entities: readonly Entity[]): boolean {
  if (caller.eventSource !== 'kms.amazonaws.com') return false;
  if (caller.invokedBy || isServicePrincipal(caller) || caller.actor === 'service') return true;
  if (entities.some((entity) => entity.kind === 'enclave')) return false;
  const agent = caller.userAgent ?? '';
  return AWS_INTERNAL.test(agent) || SERVICE_HOST.test(agent);
}
