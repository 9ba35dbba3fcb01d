/**
 * What kind of record an event row is. A VPC endpoint's network-activity record
 * (`eventType: AwsVpceEvent`, `eventCategory: NetworkActivity`) names the API call that went
 * through the endpoint, but it is not that call: the endpoint owner's copy of an allowed call
 * (its caller's trail records the call itself), or a request the endpoint policy refused
 * (`errorCode: VpceAccessDenied`), which never reached the service. No rule counts one as the call.
 */
export const NETWORK_ACTIVITY_EVENT_TYPE = 'AwsVpceEvent';

/** SQL over `events e`: the row records an API call (or a service event), not network activity. */
export const API_RECORD_SQL = `e.event_type IS NOT '${NETWORK_ACTIVITY_EVENT_TYPE}'`;

/** SQL over `events e`: the row is a VPC endpoint's network-activity record. */
export const NETWORK_ACTIVITY_SQL = `e.event_type IS '${NETWORK_ACTIVITY_EVENT_TYPE}'`;

/** The error code of a request a VPC endpoint policy refused. */
export const VPCE_DENIED = 'VpceAccessDenied';
