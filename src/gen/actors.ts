import type { Actor } from './cloudtrail-event.js';
import type { UserIdentity } from './event-types.js';
import { awsServiceIdentity } from './identities.js';
import { AWS_INTERNAL } from './user-agents.js';

/** Ways a principal reaches an API: directly, through a VPC endpoint, or via a service. */

/** A caller on the internet: a public IP, TLS details recorded. */
export function directActor(identity: UserIdentity, sourceIPAddress: string, userAgent: string): Actor {
  return { identity, sourceIPAddress, userAgent, tls: true };
}

/** A caller inside a VPC using an interface endpoint: private IP plus the endpoint id. */
export function vpcEndpointActor(identity: UserIdentity, privateIp: string, userAgent: string, vpcEndpointId: string): Actor {
  return { identity, sourceIPAddress: privateIp, userAgent, vpcEndpointId, tls: true };
}

/** An AWS service acting for itself (type AWSService): source and agent are its host name. */
export function serviceActor(serviceHost: string): Actor {
  return { identity: awsServiceIdentity(serviceHost), sourceIPAddress: serviceHost, userAgent: serviceHost };
}

/**
 * A service calling KMS with the caller's own credentials (forward access sessions):
 * the caller's identity with `invokedBy`, the service host as source.
 */
export function onBehalfOf(identity: UserIdentity, serviceHost: string, userAgent = serviceHost): Actor {
  return { identity: { ...identity, invokedBy: serviceHost }, sourceIPAddress: serviceHost, userAgent };
}

/** The older shape seen in the KMS guide: caller identity, `AWS Internal` everywhere. */
export function internalActor(identity: UserIdentity): Actor {
  return { identity, sourceIPAddress: AWS_INTERNAL, userAgent: AWS_INTERNAL };
}
