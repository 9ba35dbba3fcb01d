import type { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import type { ApiError } from '../event-types.js';
import { onBehalfOf, vpcEndpointActor } from '../actors.js';
import { customerContext, lambdaContext, secretsManagerContext } from '../encryption-context.js';
import { decryptEvent, generateDataKeyEvent } from '../kms-crypto-events.js';
import { getSecretValueEvent, secretArn } from '../secretsmanager-events.js';
import { kmsDisabled, kmsInvalidState, throttled } from '../api-errors.js';
import { JAVA_SDK } from '../user-agents.js';
import { HOUR } from '../time-format.js';
import { arrivals, dayAndNight, every } from './arrivals.js';
import { RotatingSession } from './sessions.js';
import { Customers } from './customers.js';
import { INCIDENT, REMEDIATION, STORY_END, STORY_START } from './timeline.js';
import { PROD, type StoryCast } from './cast.js';

/**
 * The payments service, 24/7: app-server instances (instance-profile sessions named
 * after the instance) decrypt customer records under alias/payments with a
 * `customerId` context, read their database secret, and a webhook Lambda decrypts its
 * environment. While the payments key is pending deletion the decrypts fail.
 */
export interface PaymentsTraffic {
  events: CloudTrailEvent[];
  /** Payment decrypts that failed because the attacker scheduled the key for deletion. */
  outageEventIds: string[];
}

const REGION = 'us-east-1';

function appSessions(rng: Rng, cast: StoryCast): RotatingSession[] {
  return cast.appInstances.map(
    (instanceId, index) =>
      new RotatingSession(rng, cast.roles.appServer, instanceId, (identity) => vpcEndpointActor(identity, `10.20.1.${11 + index}`, JAVA_SDK, cast.prodVpcEndpoint), 'ec2.amazonaws.com'),
  );
}

/** The key state the app sees: pending deletion, then disabled after the cancel, then fine. */
function paymentsKeyError(time: number, keyArn: string): ApiError | undefined {
  if (time >= INCIDENT.keyDeletionScheduled && time < REMEDIATION.keyDeletionCancelled) return kmsInvalidState(keyArn, 'pending deletion');
  if (time >= REMEDIATION.keyDeletionCancelled && time < REMEDIATION.keyEnabled) return kmsDisabled(keyArn);
  return undefined;
}

export function paymentsTraffic(rng: Rng, cast: StoryCast, customers: Customers): PaymentsTraffic {
  const { payments, prodData } = cast.keys;
  const sessions = appSessions(rng.fork('sessions'), cast);
  const events: CloudTrailEvent[] = [];
  const outageEventIds: string[] = [];
  for (const time of arrivals(rng, STORY_START, STORY_END, dayAndNight(24, 9))) {
    const call = { rng, time, region: REGION, account: PROD, actor: rng.pick(sessions).at(time) };
    const outage = paymentsKeyError(time, payments.arn);
    const error = outage ?? (rng.chance(0.003) ? throttled() : undefined);
    const context = customerContext(customers.sample(rng));
    const event = rng.chance(0.78)
      ? decryptEvent({ ...call, error }, { kmsKey: payments, context })
      : generateDataKeyEvent({ ...call, error }, { kmsKey: payments, keyId: 'alias/payments', context });
    if (outage) outageEventIds.push(event.eventID);
    events.push(event);
  }
  const secret = secretArn(REGION, PROD, 'prod/payments/db', 'Xq3T9z');
  for (const session of sessions) {
    for (const time of every(rng, STORY_START, STORY_END, 2 * HOUR, 10 * 60_000)) {
      const actor = session.at(time);
      events.push(getSecretValueEvent({ rng, time, region: REGION, account: PROD, actor }, secret));
      const viaSecretsManager = onBehalfOf(actor.identity, 'secretsmanager.amazonaws.com');
      events.push(decryptEvent({ rng, time: time + 1000, region: REGION, account: PROD, actor: viaSecretsManager }, { kmsKey: prodData, context: secretsManagerContext(secret) }));
    }
    events.push(...session.issuingEvents(REGION));
  }
  events.push(...webhookColdStarts(rng.fork('webhook'), cast));
  return { events, outageEventIds };
}

/** The webhook function decrypts its environment variables at each cold start. */
function webhookColdStarts(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const functionArn = `arn:aws:lambda:${REGION}:${PROD}:function:payments-webhook`;
  const session = new RotatingSession(rng, cast.roles.webhook, 'payments-webhook', (identity) => onBehalfOf(identity, 'lambda.amazonaws.com'), 'lambda.amazonaws.com', 12 * HOUR);
  const events = arrivals(rng, STORY_START, STORY_END, dayAndNight(3, 1)).map((time) =>
    decryptEvent({ rng, time, region: REGION, account: PROD, actor: session.at(time) }, { kmsKey: cast.keys.prodData, context: lambdaContext(functionArn) }),
  );
  return [...events, ...session.issuingEvents(REGION)];
}
