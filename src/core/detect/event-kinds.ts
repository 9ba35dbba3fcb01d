import type { EventKind } from '../normalize/event-kind.js';
import type { Actor } from '../normalize/types.js';
import { textIdSql } from '../index/text-sql.js';

/**
 * What kind of record an event row is (events.kind, from src/core/normalize/event-kind.ts).
 * A VPC endpoint's network-activity record (`eventType: AwsVpceEvent`, `eventCategory:
 * NetworkActivity`) names the API call that went through the endpoint, but it is not that
 * call: the endpoint owner's copy of an allowed call (its caller's trail records the call
 * itself), or a request the endpoint policy refused (`errorCode: VpceAccessDenied`), which
 * never reached the service. No rule counts one as the call.
 */
export const NETWORK_ACTIVITY: EventKind = 'network-activity';

// Kind and actor are never null: IS and IS NOT are exact even when the index has no such text.

/**
 * A call on a resource of another account is logged in both accounts under one sharedEventID, with
 * different eventIDs: the caller's copy names the caller (ARN, role, session); the resource owner's
 * copy names only the caller's account and principal id (`userIdentity.type` AWSAccount). Counting
 * both would count the call twice, under two names: the owner's copy counts only while the caller's
 * is not indexed (the caller's account's trail is often not among the logs).
 */
export const OTHER_ACCOUNT_TYPE = 'AWSAccount';

/** SQL over event rows `row`: a copy that names the caller (any type but AWSAccount, none included), of a call, not network activity. */
export const callerCopySql = (row: string): string => `(${row}.principal_type_id IS NULL OR ${row}.principal_type_id IS NOT ${textIdSql(OTHER_ACCOUNT_TYPE)})
  AND ${row}.kind_id IS NOT ${textIdSql(NETWORK_ACTIVITY)}`;

/** SQL over event rows `row`: the resource owner's copy of a cross-account call (null when the index has no AWSAccount text). */
export const ownerCopySql = (row: string): string => `${row}.shared_event_id IS NOT NULL
  AND ${row}.principal_type_id = ${textIdSql(OTHER_ACCOUNT_TYPE)} AND ${row}.kind_id IS NOT ${textIdSql(NETWORK_ACTIVITY)}`;

/**
 * SQL over `events e`, 0 or 1 (never null: a row of no type, or an index without the type's text, is
 * no owner's copy): the resource owner's copy of a call whose caller's copy is also indexed.
 */
const OWNER_COPY_OF_INDEXED_CALL_SQL = `coalesce(${ownerCopySql('e')}
  AND EXISTS (SELECT 1 FROM event_rows c WHERE c.shared_event_id = e.shared_event_id AND ${callerCopySql('c')}), 0)`;

/** SQL over `events e`: the row records an API call (or a service event), not network activity, and each call once. */
export const API_RECORD_SQL = `(e.kind_id IS NOT ${textIdSql(NETWORK_ACTIVITY)} AND NOT ${OWNER_COPY_OF_INDEXED_CALL_SQL})`;

/** SQL over `events e`: the row is a VPC endpoint's network-activity record. */
export const NETWORK_ACTIVITY_SQL = `e.kind_id IS ${textIdSql(NETWORK_ACTIVITY)}`;

/** SQL over `events e`: the caller's own call, not one AWS services made on its behalf (actor 'service'). */
export const OWN_CALL_SQL = `e.actor_id IS NOT ${textIdSql('service' satisfies Actor)}`;

/** SQL over `events e`: a person made the call (0 or 1, never null). */
export const HUMAN_CALL_SQL = `e.actor_id IS ${textIdSql('human' satisfies Actor)}`;

/** The error code of a request a VPC endpoint policy refused. */
export const VPCE_DENIED = 'VpceAccessDenied';
