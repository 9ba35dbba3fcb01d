import type { EventKind } from '../normalize/event-kind.js';

/**
 * What kind of record an event row is (events.kind, from src/core/normalize/event-kind.ts).
 * A VPC endpoint's network-activity record (`eventType: AwsVpceEvent`, `eventCategory:
 * NetworkActivity`) names the API call that went through the endpoint, but it is not that
 * call: the endpoint owner's copy of an allowed call (its caller's trail records the call
 * itself), or a request the endpoint policy refused (`errorCode: VpceAccessDenied`), which
 * never reached the service. No rule counts one as the call.
 */
export const NETWORK_ACTIVITY: EventKind = 'network-activity';

/** SQL over `events e`: the row records an API call (or a service event), not network activity. */
export const API_RECORD_SQL = `e.kind <> '${NETWORK_ACTIVITY}'`;

/** SQL over `events e`: the row is a VPC endpoint's network-activity record. */
export const NETWORK_ACTIVITY_SQL = `e.kind = '${NETWORK_ACTIVITY}'`;

/** The error code of a request a VPC endpoint policy refused. */
export const VPCE_DENIED = 'VpceAccessDenied';
