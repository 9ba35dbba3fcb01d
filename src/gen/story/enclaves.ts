import type { Rng } from '../rng.js';
import type { CloudTrailEvent, UserIdentity } from '../event-types.js';
import { vpcEndpointActor } from '../actors.js';
import { makeEnclave, type Enclave } from '../enclave.js';
import { newSha384 } from '../aws-ids.js';
import { decryptEvent, generateDataKeyEvent, generateRandomEvent } from '../kms-crypto-events.js';
import { NITRO_ENCLAVES_SDK } from '../user-agents.js';
import { arrivals } from './arrivals.js';
import { RotatingSession } from './sessions.js';
import { INCIDENT, STORY_END, STORY_START } from './timeline.js';
import { PROD, type StoryCast } from './cast.js';

/**
 * Seed 001: a tokenization service runs in Nitro enclaves on two parent instances. Both
 * run the one allowed image; the first shows the older recipient fields (module id and
 * image digest), the second the newer ones with PCRs. During the incident one Decrypt
 * comes from the second parent with an image digest nobody approved.
 */
export interface EnclaveStory {
  events: CloudTrailEvent[];
  allowedImageDigest: string;
  unknownImageDigest: string;
  enclaves: Enclave[];
  unknownEnclave: Enclave;
  unknownDigestEventId: string;
}

const REGION = 'us-east-1';

export function enclaveStory(rng: Rng, cast: StoryCast): EnclaveStory {
  const allowedImageDigest = newSha384(rng);
  const enclaves = cast.enclaveInstances.map((instanceId, index) => makeEnclave(rng, instanceId, { imageDigest: allowedImageDigest, withPcrs: index === 1 }));
  const sessions = cast.enclaveInstances.map((instanceId, index) => {
    const origin = (identity: UserIdentity) => vpcEndpointActor(identity, `10.20.2.${21 + index}`, NITRO_ENCLAVES_SDK, cast.prodVpcEndpoint);
    return new RotatingSession(rng.fork(instanceId), cast.roles.enclaveParent, instanceId, origin, 'ec2.amazonaws.com');
  });
  const events = enclaves.flatMap((enclave, index) => enclaveCalls(rng, cast, enclave, sessions[index]!));
  const parent = cast.enclaveInstances[1]!;
  const unknownEnclave = makeEnclave(rng, parent, { withPcrs: true });
  const unknown = decryptEvent(
    { rng, time: INCIDENT.unknownEnclaveImage, region: REGION, account: PROD, actor: sessions[1]!.at(INCIDENT.unknownEnclaveImage) },
    { kmsKey: cast.keys.tokenization, enclave: unknownEnclave },
  );
  events.push(unknown, ...sessions.flatMap((session) => session.issuingEvents(REGION)));
  return { events, allowedImageDigest, unknownImageDigest: unknownEnclave.imageDigest, enclaves, unknownEnclave, unknownDigestEventId: unknown.eventID };
}

function enclaveCalls(rng: Rng, cast: StoryCast, enclave: Enclave, session: RotatingSession): CloudTrailEvent[] {
  const kmsKey = cast.keys.tokenization;
  return arrivals(rng, STORY_START, STORY_END, () => 4).map((time) => {
    const call = { rng, time, region: REGION, account: PROD, actor: session.at(time) };
    const kind = rng.float();
    if (kind < 0.6) return decryptEvent(call, { kmsKey, enclave });
    if (kind < 0.9) return generateDataKeyEvent(call, { kmsKey, keyId: kmsKey.keyId, enclave });
    return generateRandomEvent(call, enclave);
  });
}
