import type { Rng } from '../rng.js';
import type { CloudTrailEvent, UserIdentity } from '../event-types.js';
import type { Actor } from '../cloudtrail-event.js';
import { ebsLaunchFlow, type EbsLaunch } from '../ebs-flow.js';
import { ec2InfrastructureIdentity, roleSessionIdentity } from '../identities.js';
import { internalActor, serviceActor, vpcEndpointActor } from '../actors.js';
import { newAccessKeyId, newInstanceId } from '../aws-ids.js';
import { SSM_AGENT_USER_AGENT, updateInstanceInformationEvent } from '../ssm-events.js';
import { RotatingSession } from './sessions.js';
import { decryptEvent } from '../kms-crypto-events.js';
import { retireGrantEvent } from '../kms-grant-events.js';
import { terminateInstancesEvent } from '../ec2-events.js';
import { ebsContext } from '../encryption-context.js';
import { JAVA_SDK } from '../user-agents.js';
import { HOUR, MINUTE } from '../time-format.js';
import { every } from './arrivals.js';
import { aliceActor, bobActor } from './people.js';
import { EBS_CHAIN_LAUNCH, MISSING_LINK_LAUNCH, STORY_END, STORY_START } from './timeline.js';
import { PROD, type StoryCast } from './cast.js';

/**
 * EBS chains in us-west-2: seed 000 re-created (alice launches, EC2 gets a data key for
 * the volume, grants the instance Decrypt with RunInstances' request id, the instance's
 * ec2-infrastructure session decrypts), the same chain with its RunInstances missing
 * from the logs, and Auto Scaling launches and terminations as background.
 */
export interface EbsStory {
  events: CloudTrailEvent[];
  chain: EbsLaunch;
  missingLink: EbsLaunch;
  /** Calls by the chain instance's own role in us-west-2 on a us-east-1 key. */
  crossRegionEventIds: string[];
}

const REGION = 'us-west-2';

function launch(rng: Rng, cast: StoryCast, launcher: Actor, time: number, style: 'seed' | 'forwardAccess'): EbsLaunch {
  return ebsLaunchFlow(rng, { launcher, time, region: REGION, account: PROD, kmsKey: cast.keys.ebsDefault, keyId: 'alias/aws/ebs', style });
}

const flowEvents = (flow: EbsLaunch): CloudTrailEvent[] => [flow.runInstances, flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt];

export function ebsStory(rng: Rng, cast: StoryCast): EbsStory {
  const chain = launch(rng.fork('chain'), cast, aliceActor(cast), EBS_CHAIN_LAUNCH, 'seed');
  const missingLink = launch(rng.fork('missing'), cast, bobActor(cast), MISSING_LINK_LAUNCH, 'forwardAccess');
  const reboot = decryptEvent(
    { rng, time: Date.UTC(2026, 10, 20, 8, 5, 12), region: REGION, account: PROD, actor: internalActor(ec2InfrastructureIdentity(PROD, chain.instanceId)) },
    { kmsKey: cast.keys.ebsDefault, context: ebsContext(chain.volumeId) },
  );
  const worker = batchWorkerCalls(rng.fork('worker'), cast, chain.instanceId);
  const events = [
    ...flowEvents(chain),
    reboot,
    ...worker,
    // The missing link: RunInstances for this instance is deliberately not in the logs.
    missingLink.generateDataKeyWithoutPlaintext,
    missingLink.createGrant,
    missingLink.decrypt,
    ...autoScaling(rng.fork('autoscaling'), cast),
    ...ssmHeartbeats(rng.fork('ssm'), cast, chain.instanceId),
  ];
  return { events, chain, missingLink, crossRegionEventIds: worker.map((event) => event.eventID) };
}

/** The new instance's role decrypts job inputs with the us-east-1 prod-data key. */
function batchWorkerCalls(rng: Rng, cast: StoryCast, instanceId: string): CloudTrailEvent[] {
  const identity = roleSessionIdentity(cast.roles.batchWorker, instanceId, newAccessKeyId(rng, true));
  const actor = vpcEndpointActor(identity, '10.40.7.23', JAVA_SDK, cast.prodVpcEndpoint);
  return every(rng, EBS_CHAIN_LAUNCH + 4 * MINUTE, EBS_CHAIN_LAUNCH + 3 * HOUR, 15 * MINUTE, 5 * MINUTE).map((time) =>
    decryptEvent({ rng, time, region: REGION, account: PROD, actor }, { kmsKey: cast.keys.prodData, keyId: cast.keys.prodData.arn, context: { job: 'ledger-reconcile' } }),
  );
}

/**
 * us-west-2's steady noise: the SSM agent of a long-running worker and, once launched,
 * of the chain's instance, every 20 minutes with the instance-profile session.
 */
function ssmHeartbeats(rng: Rng, cast: StoryCast, chainInstanceId: string): CloudTrailEvent[] {
  const fleet: [string, string, number][] = [
    [newInstanceId(rng), '10.40.7.11', STORY_START],
    [chainInstanceId, '10.40.7.23', EBS_CHAIN_LAUNCH + 3 * MINUTE],
  ];
  return fleet.flatMap(([instanceId, privateIp, from]) => {
    const session = new RotatingSession(rng.fork(instanceId), cast.roles.batchWorker, instanceId, (identity: UserIdentity) => vpcEndpointActor(identity, privateIp, SSM_AGENT_USER_AGENT, cast.prodVpcEndpoint), 'ec2.amazonaws.com', 6 * HOUR, from);
    const pings = every(rng, from, STORY_END, 20 * MINUTE, 30_000).map((time) =>
      updateInstanceInformationEvent({ rng, time, region: REGION, account: PROD, actor: session.at(time) }, instanceId, privateIp),
    );
    return [...pings, ...session.issuingEvents(REGION)];
  });
}

/** Auto Scaling replaces app instances a few times a day; terminations retire the grant. */
function autoScaling(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const launcher: Actor = {
    identity: roleSessionIdentity(cast.roles.autoScaling, 'AutoScaling', newAccessKeyId(rng, true)),
    sourceIPAddress: 'autoscaling.amazonaws.com',
    userAgent: 'autoscaling.amazonaws.com',
  };
  return every(rng, STORY_START, STORY_END - 6 * HOUR, 8 * HOUR, 2 * HOUR).flatMap((time) => {
    const flow = launch(rng, cast, launcher, time, 'forwardAccess');
    const ended = time + 5 * HOUR + rng.int(HOUR);
    const call = { rng, time: ended, region: REGION, account: PROD };
    return [
      ...flowEvents(flow),
      terminateInstancesEvent({ ...call, actor: launcher }, flow.instanceId),
      retireGrantEvent({ ...call, time: ended + 40_000, actor: serviceActor('ec2.amazonaws.com') }, cast.keys.ebsDefault, flow.grantId),
    ];
  });
}
