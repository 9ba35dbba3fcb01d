import type { IndexDb } from '../index/open.js';
import type { EntityKind } from '../normalize/types.js';
import type { EventRow } from '../query/event-rows.js';
import { countMatches, facetCounts, type FacetValue } from '../query/facets.js';
import type { CompiledFilter, EntityCondition } from '../query/filter-compile.js';
import { iterateEvents } from '../query/query-events.js';
import { resolveKeyValues } from '../query/key-terms.js';
import { resolveEntityValues } from '../query/value-resolve.js';
import { principalAccount } from '../normalize/identity.js';
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
  /** Calls by the grantee on this key while the grant was open; null when the grantee is not in the logs. */
  granteeCalls: { count: number; capped: boolean; principals: FacetValue[] } | null;
  /** Calls that name the grant itself (grant tokens, ListGrants and others). */
  namedBy: GrantEventRef[];
}

const CALL_COUNT_CAP = 100_000;
const LIFECYCLE_LIMIT = 200;

const ref = (row: EventRow): GrantEventRef => ({
  uid: row.uid, eventID: row.eventID, eventTime: row.eventTime, eventName: row.eventName, principal: row.principal,
});

function filterOf(entities: EntityCondition[], since: number | null = null, until: number | null = null): CompiledFilter {
  return { text: '', entities, columns: [], ids: [], since, until, matchesNothing: entities.some((c) => c.valueIds.length === 0), errors: [] };
}

/** An exact value, never a pattern: grant ids and grantees come from logs and may hold `*`. */
function exactValue(db: IndexDb, kind: EntityKind, value: string): EntityCondition | null {
  const row = db.prepare('SELECT id, events FROM entity_values WHERE kind = ? AND value = ?').get(kind, value) as { id: number; events: number } | undefined;
  return row ? { valueIds: [row.id], negate: false, estimate: row.events } : null;
}

/**
 * An account's principals, as `principalAccount` reads them. Not the `account` entity: it holds the
 * recipient account too, so every call in the key owner's trail (another account's, a service's) has it.
 */
function principalsOfAccount(db: IndexDb, account: string): EntityCondition | null {
  const candidates = db.prepare(`SELECT id, value, events FROM entity_values WHERE kind = 'principal'
    AND (value LIKE ? OR value LIKE ? OR value LIKE ?)`).all(`arn:aws%:iam::${account}:%`, `arn:aws%:sts::${account}:%`, `${account}:%`) as
    Array<{ id: number; value: string; events: number }>;
  const own = candidates.filter((row) => principalAccount(row.value) === account);
  return own.length === 0 ? null : { valueIds: own.map((row) => row.id), negate: false, estimate: own.reduce((sum, row) => sum + row.events, 0) };
}

/** The grantee as the index knows its calls: an EC2 instance's session, an account's principals, a principal or a role. */
function granteeValue(db: IndexDb, grantee: string): EntityCondition | null {
  const infrastructure = /^(\d{12}):aws:ec2-infrastructure:(i-[0-9a-f]+)$/.exec(grantee);
  if (infrastructure) return exactValue(db, 'principal', `arn:aws:sts::${infrastructure[1]}:assumed-role/aws:ec2-infrastructure/${infrastructure[2]}`);
  const account = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(grantee)?.[1];
  if (account) return principalsOfAccount(db, account);
  return exactValue(db, 'principal', grantee) ?? exactValue(db, 'role', grantee);
}

function lifecycleOf(db: IndexDb, grantId: string | null): EventRow[] {
  const grant = grantId ? exactValue(db, 'grant', grantId) : null;
  return grant ? [...iterateEvents(db, filterOf([grant]), LIFECYCLE_LIMIT)].reverse() : [];
}

/** Calls after the grant's creation (`created`, not itself a use of it: the grantee may have made it) until `to`. */
function granteeCalls(db: IndexDb, key: EntityCondition, grant: GrantRequest, created: EventRow, to: number | null): GrantLifecycle['granteeCalls'] {
  const grantee = grant.grantee ? granteeValue(db, grant.grantee) : null;
  if (!grantee) return null;
  const filter: CompiledFilter = { ...filterOf([key, grantee], created.time, to), seqs: [{ seqs: [created.seq], negate: true }] };
  const count = countMatches(db, filter, CALL_COUNT_CAP);
  return { count, capped: count >= CALL_COUNT_CAP, principals: facetCounts(db, filter, 'principal', 5) };
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
    grants.push({
      ...request, key: row.key,
      created: { ...ref(row), onBehalf: isFolded(row, entities) },
      status: end === null ? 'open' : end.eventName === 'RevokeGrant' ? 'revoked' : 'retired',
      ended: end && ref(end),
      granteeCalls: granteeCalls(db, key, request, row, end?.time ?? null),
      namedBy: lifecycle.filter((event) => event !== end).map(ref),
    });
  }
  return grants;
}
