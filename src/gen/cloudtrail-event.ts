import type { Rng } from './rng.js';
import type { ApiError, CloudTrailEvent, EventResource, JsonObject, TlsDetails, UserIdentity } from './event-types.js';
import { HOUR, floorTo, isoSeconds } from './time-format.js';

/** Who made a call and from where: the identity plus its network origin. */
export interface Actor {
  identity: UserIdentity;
  sourceIPAddress: string;
  userAgent: string;
  /** Calls through an interface VPC endpoint carry its id. */
  vpcEndpointId?: string;
  /** Direct calls over the internet carry tlsDetails; AWS-internal ones do not. */
  tls?: boolean;
  /** When the session began; defaults to the hour boundary before each call. */
  sessionStart?: number;
}

/** Everything about one call that is not the API itself. */
export interface Call {
  rng: Rng;
  time: number;
  region: string;
  /** The account whose trail records this copy of the event. */
  account: string;
  actor: Actor;
  error?: ApiError;
  /** Set when the same call is also recorded in another account (cross-account use). */
  sharedEventID?: string;
  /** Reuse a request id (EBS CreateGrant shares the RunInstances one). */
  requestID?: string;
  eventID?: string;
}

/** The API-specific half of an event. */
export interface ApiRequest {
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  requestParameters: JsonObject | null;
  responseElements?: JsonObject | null;
  additionalEventData?: JsonObject;
  resources?: EventResource[];
  eventCategory?: 'Management' | 'Data';
  eventType?: CloudTrailEvent['eventType'];
}

const GLOBAL_SERVICES = new Set(['iam.amazonaws.com', 'signin.amazonaws.com']);

/** Assembles a record in the field order CloudTrail writes. */
export function cloudTrailEvent(call: Call, request: ApiRequest): CloudTrailEvent {
  const { actor, error, rng } = call;
  const category = request.eventCategory ?? 'Management';
  return {
    eventVersion: '1.08',
    userIdentity: identityAt(actor, call.time),
    eventTime: isoSeconds(call.time),
    eventSource: request.eventSource,
    eventName: request.eventName,
    awsRegion: GLOBAL_SERVICES.has(request.eventSource) ? 'us-east-1' : call.region,
    sourceIPAddress: actor.sourceIPAddress,
    userAgent: actor.userAgent,
    errorCode: error?.errorCode,
    errorMessage: error?.errorMessage,
    requestParameters: request.requestParameters,
    responseElements: error ? null : (request.responseElements ?? null),
    additionalEventData: request.additionalEventData,
    requestID: call.requestID ?? rng.uuid(),
    eventID: call.eventID ?? rng.uuid(),
    readOnly: request.readOnly,
    resources: request.resources,
    eventType: request.eventType ?? 'AwsApiCall',
    managementEvent: category === 'Management',
    recipientAccountId: call.account,
    sharedEventID: call.sharedEventID,
    vpcEndpointId: actor.vpcEndpointId,
    eventCategory: category,
    tlsDetails: actor.tls ? tlsDetails(request.eventSource, call.region) : undefined,
  };
}

// One copy per identity and start time, not per event: the bench serializes millions.
const identityCopies = new WeakMap<UserIdentity, { start: number; identity: UserIdentity }>();

/** Sessions report when they started; an hour boundary before the call is close enough. */
function identityAt(actor: Actor, time: number): UserIdentity {
  const { identity } = actor;
  const context = identity.sessionContext;
  if (!context) return identity;
  const start = actor.sessionStart ?? floorTo(time, HOUR);
  const cached = identityCopies.get(identity);
  if (cached?.start === start) return cached.identity;
  const creationDate = isoSeconds(start);
  const copy = { ...identity, sessionContext: { ...context, attributes: { ...context.attributes, creationDate } } };
  identityCopies.set(identity, { start, identity: copy });
  return copy;
}

// Shared per endpoint: events only get serialized, never mutated.
const tlsByEndpoint = new Map<string, TlsDetails>();

function tlsDetails(eventSource: string, region: string): TlsDetails {
  const endpoint = `${eventSource}|${region}`;
  let details = tlsByEndpoint.get(endpoint);
  if (!details) {
    const service = eventSource.replace('.amazonaws.com', '');
    const host = GLOBAL_SERVICES.has(eventSource) ? eventSource : `${service}.${region}.amazonaws.com`;
    details = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
    tlsByEndpoint.set(endpoint, details);
  }
  return details;
}
