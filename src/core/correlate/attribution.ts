import { instanceFromPrincipal } from '../normalize/entities.js';
import type { Entity } from '../normalize/types.js';
import type { EventRow } from '../query/event-rows.js';
import { isServicePrincipal } from './folding.js';
import type { Chain } from './types.js';

/** A chain member as attribution sees it. */
export interface AttributionMember {
  row: EventRow;
  entities: Entity[];
  folded: boolean;
}

const valuesOf = (member: AttributionMember, kind: Entity['kind']) =>
  member.entities.filter((entity) => entity.kind === kind).map((entity) => entity.value);

/** The instance a call was made as: its instance-profile or ec2-infrastructure session, or its enclave's parent. */
function actingInstance(member: AttributionMember): string | null {
  const fromSession = instanceFromPrincipal(member.row.principal);
  if (fromSession) return fromSession;
  const modules = valuesOf(member, 'enclave');
  return valuesOf(member, 'instance').find((id) => modules.some((module) => module.startsWith(`${id}-`))) ?? null;
}

function launchedInstances(members: AttributionMember[]): Set<string> {
  const launches = members.filter((member) => member.row.eventName === 'RunInstances');
  return new Set(launches.flatMap((member) => valuesOf(member, 'instance')));
}

/** Grants the chain uses or ends whose CreateGrant is not among the members. */
function uncreatedGrants(members: AttributionMember[]): string[] {
  const created = new Set(members.filter((member) => member.row.eventName === 'CreateGrant').flatMap((member) => valuesOf(member, 'grant')));
  const used = members.filter((member) => member.row.eventName !== 'CreateGrant').flatMap((member) => valuesOf(member, 'grant'));
  return [...new Set(used)].filter((grant) => !created.has(grant));
}

function isBefore(row: EventRow, origin: EventRow): boolean {
  return row.time < origin.time || (row.time === origin.time && row.seq <= origin.seq);
}

/**
 * Names the root: the earliest call, at or before the origin, by a person or role
 * rather than a service on their behalf. When an instance the chain acts as has no
 * launch in the logs, the chain says what is missing instead of guessing a root.
 */
export function attribute(members: AttributionMember[], origin: EventRow): Pick<Chain, 'root' | 'missing'> {
  const launched = launchedInstances(members);
  const unlaunched = new Set(members.map(actingInstance).filter((id): id is string => id !== null && !launched.has(id)));
  const missing = [...unlaunched].map((id) => `no RunInstances for ${id} in the indexed logs: who launched the instance is unknown`);
  for (const grant of uncreatedGrants(members)) missing.push(`no CreateGrant for grant ${grant} in the indexed logs`);
  if (unlaunched.size > 0) return { root: null, missing };
  const candidates = members.filter((member) => !member.folded && !isServicePrincipal(member.row) && isBefore(member.row, origin));
  candidates.sort((a, b) => a.row.time - b.row.time || a.row.seq - b.row.seq);
  const first = candidates[0];
  if (!first) {
    missing.push("no call in the chain by a person or role, only AWS services acting on someone's behalf");
    return { root: null, missing };
  }
  return { root: { principal: first.row.principal!, eventID: first.row.eventID, uid: first.row.uid }, missing };
}
