import type { IndexDb } from '../index/open.js';
import type { EventRow } from '../query/event-rows.js';
import { countMatches, facetCounts, type FacetValue } from '../query/facets.js';
import type { CompiledFilter, EntityCondition } from '../query/filter-compile.js';
import { iterateEvents } from '../query/query-events.js';
import { resolveKeyValues } from '../query/key-terms.js';
import { exactValues, resolveEntityValues } from '../query/value-resolve.js';
import { principalAccount } from '../normalize/identity.js';
import { placeOf } from '../normalize/key-ref.js';
import { isFolded } from './folding.js';
import { readGrantRequest, type GrantRequest } from './grant-request.js';
import { RawEvents } from './raw-events.js';

/** An event in a grant's life, as lists show it. */
export interface GrantEventRef {
  uid: string;
  eventID: string | null;
  eventTime: string | null;
  eventName: string | null;
  principal: string | null;
}

/** One grant of a key: what it allows, who made it, whether it ended, and who used it. */
export interface GrantLifecycle extends GrantRequest {
  key: string | null;
  created: GrantEventRef & { onBehalf: boolean };
  status: 'open' | 'retired' | 'revoked';
  ended: GrantEventRef | null;
  /** The grantee's calls of the granted operations on this key while the grant was open; null when the grantee is not in the logs. */
  granteeCalls: { count: number; capped: boolean; principals: FacetValue[] } | null;
  /**
   * Calls of the granted operations on this key in that time by callers of the grantee's account that the
   * logs name only by account and id (`999988887777:AROA...:session`: the key owner's copy of a cross-account
   * call): they may be the grantee, the logs do not say. Null when the grantee names no other account, or
   * when the grantee's own calls are seen (the same calls' other copies).
   */
  unnamedCallers: { account: string; count: number; capped: boolean; principals: FacetValue[] } | null;
  /** Calls that name the grant itself (grant tokens, ListGrants and others). */
  namedBy: GrantEventRef[];
}

/** Calls counted (and, for an account's grant, callers listed) before a count is marked capped. */
const CALL_COUNT_CAP = 100_000;
const LIFECYCLE_LIMIT = 200;

const ref = (row: EventRow): GrantEventRef => ({
  uid: row.uid, eventID: row.eventID, eventTime: row.eventTime, eventName: row.eventName, principal: row.principal,
});

function filterOf(entities: EntityCondition[], since: number | null = null, until: number | null = null): CompiledFilter {
  return { text: '', entities, columns: [], ids: [], since, until, matchesNothing: entities.some((c) => c.valueIds.length === 0), errors: [] };
}

/** Partitions an EC2 instance's session ARN may be in: the grantee form `ACCOUNT:aws:ec2-infrastructure:i-...` does not say. */
const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn'];
const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/** The grantee as the index knows its calls: an EC2 instance's session, a principal or a role (an account's grant: see granteeCalls). */
function granteeValue(db: IndexDb, grantee: string): EntityCondition | null {
  const infrastructure = /^(\d{12}):aws:ec2-infrastructure:(i-[0-9a-f]+)$/.exec(grantee);
  if (infrastructure) {
    return exactValues(db, 'principal', PARTITIONS.map((partition) =>
      `arn:${partition}:sts::${infrastructure[1]}:assumed-role/aws:ec2-infrastructure/${infrastructure[2]}`));
  }
  return exactValues(db, 'principal', [grantee]) ?? exactValues(db, 'role', [grantee]);
}

/** The granted operations as event names (exact: they come from the log); null when the request named none. */
function operationsOf(db: IndexDb, operations: string[]): EntityCondition | null {
  if (operations.length === 0) return null;
  // None of them indexed: a condition that matches nothing, not no condition.
  return exactValues(db, 'event', operations) ?? { valueIds: [], negate: false, estimate: 0 };
}

function lifecycleOf(db: IndexDb, grantId: string | null): EventRow[] {
  const grant = grantId ? exactValues(db, 'grant', [grantId]) : null;
  return grant ? [...iterateEvents(db, filterOf([grant]), LIFECYCLE_LIMIT)].reverse() : [];
}

/**
 * The grantee's calls of the granted operations on the key while the grant was open: after the
 * CreateGrant (not itself a use: the grantee may have made it) until `to`. A grant to an account is
 * used by that account's principals. Not by the `account` entity: it holds the recipient account
 * too, so every call the key owner's trail received (another account's, a service's) has it.
 */
function granteeCalls(db: IndexDb, key: EntityCondition, grant: GrantRequest, created: EventRow, to: number | null): GrantLifecycle['granteeCalls'] {
  if (!grant.grantee) return null;
  const account = ACCOUNT_ROOT.exec(grant.grantee)?.[1];
  const grantee = account === undefined ? granteeValue(db, grant.grantee) : null;
  if (account === undefined && grantee === null) return null;
  const operations = operationsOf(db, grant.operations);
  const conditions = [key, grantee, operations].filter((condition) => condition !== null);
  const filter: CompiledFilter = { ...filterOf(conditions, created.time, to), seqs: [{ seqs: [created.seq], negate: true }] };
  if (account !== undefined) {
    const callers = facetCounts(db, filter, 'principal', CALL_COUNT_CAP);
    const all = callers.filter((caller) => principalAccount(caller.value) === account);
    // An organization trail holds both copies of a cross-account call: with the callers named by ARN, the
    // key owner's copies (`account:principalId`) are the same calls again.
    const named = all.filter((caller) => caller.value.startsWith('arn:'));
    const own = named.length > 0 ? named : all;
    return { count: own.reduce((sum, caller) => sum + caller.count, 0), capped: callers.length === CALL_COUNT_CAP, principals: own.slice(0, 5) };
  }
  const count = countMatches(db, filter, CALL_COUNT_CAP);
  return { count, capped: count >= CALL_COUNT_CAP, principals: facetCounts(db, filter, 'principal', 5) };
}

/**
 * Callers of the grantee's account known only as `account:principalId`, on the key while the grant was
 * open (see unnamedCallers). Asked only when the grantee made no call the logs name: an organization
 * trail holds both copies of a cross-account call, and the caller's copy is then counted as the grantee's.
 */
function unnamedCallers(db: IndexDb, key: EntityCondition, grant: GrantRequest, created: EventRow, to: number | null,
  granteeCalls: GrantLifecycle['granteeCalls']): GrantLifecycle['unnamedCallers'] {
  if (granteeCalls !== null && granteeCalls.count > 0) return null;
  const account = grant.grantee && !ACCOUNT_ROOT.test(grant.grantee) ? principalAccount(grant.grantee) : null;
  // Only another account's callers reach the key owner's trail named by id.
  if (!account || account === placeOf(created.key ?? '')?.account) return null;
  // Those callers by their values first (a range of the value index: `account:` up to `account;`), so a
  // key's every call is not scanned for a grant nobody of that account used.
  const callers = db.prepare("SELECT id, events FROM entity_values WHERE kind = 'principal' AND value >= ? AND value < ?")
    .all(`${account}:`, `${account};`) as Array<{ id: number; events: number }>;
  if (callers.length === 0) return { account, count: 0, capped: false, principals: [] };
  const operations = operationsOf(db, grant.operations);
  const byId: EntityCondition = { valueIds: callers.map((caller) => caller.id), negate: false, estimate: callers.reduce((sum, caller) => sum + caller.events, 0) };
  const conditions = [key, byId, ...(operations ? [operations] : [])];
  const filter: CompiledFilter = { ...filterOf(conditions, created.time, to), seqs: [{ seqs: [created.seq], negate: true }] };
  const count = countMatches(db, filter, CALL_COUNT_CAP);
  return { account, count, capped: count >= CALL_COUNT_CAP, principals: count > 0 ? facetCounts(db, filter, 'principal', 5) : [] };
}

/**
 * The grants of a key (named by alias, key id or ARN, as in `key:`), newest first:
 * grantee, operations, constraints, who created it (and whether a service did so on
 * their behalf), retired/revoked or still open, and who used it.
 */
export function grantsForKey(db: IndexDb, keyFilterValue: string, limit = 500): GrantLifecycle[] {
  const keyMatch = resolveKeyValues(db, [keyFilterValue]);
  const key: EntityCondition = { valueIds: keyMatch.ids, negate: false, estimate: keyMatch.events };
  const createGrant = resolveEntityValues(db, 'event', ['CreateGrant']);
  const filter = filterOf([key, { valueIds: createGrant.ids, negate: false, estimate: createGrant.events }]);
  const raws = new RawEvents(db);
  const grants: GrantLifecycle[] = [];
  for (const row of iterateEvents(db, filter, limit)) {
    if (row.errorCode) continue;
    const { json, entities } = raws.get(row.seq);
    const request = readGrantRequest(json);
    const lifecycle = lifecycleOf(db, request.grantId).filter((event) => event.seq !== row.seq && !event.errorCode);
    const end = lifecycle.find((event) => event.eventName === 'RetireGrant' || event.eventName === 'RevokeGrant') ?? null;
    const calls = granteeCalls(db, key, request, row, end?.time ?? null);
    grants.push({
      ...request, key: row.key,
      created: { ...ref(row), onBehalf: isFolded(row, entities) },
      status: end === null ? 'open' : end.eventName === 'RevokeGrant' ? 'revoked' : 'retired',
      ended: end && ref(end),
      granteeCalls: calls,
      unnamedCallers: unnamedCallers(db, key, request, row, end?.time ?? null, calls),
      namedBy: lifecycle.filter((event) => event !== end).map(ref),
    });
  }
  return grants;
}
