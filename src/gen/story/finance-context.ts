import type { Rng } from '../rng.js';
import type { CloudTrailEvent, UserIdentity } from '../event-types.js';
import { vpcEndpointActor } from '../actors.js';
import { customerContext } from '../encryption-context.js';
import { decryptEvent, encryptEvent } from '../kms-crypto-events.js';
import { JAVA_SDK, awsCli } from '../user-agents.js';
import { HOUR } from '../time-format.js';
import { RotatingSession } from './sessions.js';
import { SEED_CUSTOMER, type Customers } from './customers.js';
import { aliceActor } from './people.js';
import { PROD, type StoryCast } from './cast.js';

/**
 * Seed 002: finance records are encrypted under alias/finance with
 * `customerId` + `department=finance`. alice works on cust-98765 by hand on Thursday and
 * Friday; a nightly batch (01:00 UTC) re-encrypts a few dozen customers.
 */
export interface FinanceStory {
  events: CloudTrailEvent[];
  /** Every event in this part with customerId=cust-98765. */
  seedCustomerEventIds: string[];
}

const REGION = 'us-east-1';
const at = (day: number, hour: number, minute: number): number => Date.UTC(2026, 10, day, hour, minute, 7 + day);

export function financeStory(rng: Rng, cast: StoryCast, customers: Customers): FinanceStory {
  const finance = cast.keys.finance;
  const context = customerContext(SEED_CUSTOMER, 'finance');
  const manual = [at(19, 9, 12), at(19, 9, 14), at(19, 15, 41), at(20, 11, 3), at(20, 11, 5), at(20, 13, 27), at(20, 13, 29)].map((time, index) => {
    const call = { rng, time, region: REGION, account: PROD, actor: aliceActor(cast, awsCli(index % 3 === 0 ? 'kms.encrypt' : 'kms.decrypt')) };
    // The seed article's Encrypt names the key by ARN.
    return index % 3 === 0 ? encryptEvent(call, { kmsKey: finance, keyId: finance.arn, context }) : decryptEvent(call, { kmsKey: finance, context });
  });
  const batch = nightlyBatch(rng, cast, customers);
  const events = [...manual, ...batch];
  return { events, seedCustomerEventIds: events.filter(mentionsSeedCustomer).map((event) => event.eventID) };
}

export function mentionsSeedCustomer(event: CloudTrailEvent): boolean {
  const context = event.requestParameters?.encryptionContext;
  return typeof context === 'object' && context !== null && !Array.isArray(context) && context.customerId === SEED_CUSTOMER;
}

/** 01:00 UTC every night: Decrypt then Encrypt (re-wrap) per customer. */
function nightlyBatch(rng: Rng, cast: StoryCast, customers: Customers): CloudTrailEvent[] {
  const finance = cast.keys.finance;
  const origin = (identity: UserIdentity) => vpcEndpointActor(identity, '10.20.3.15', JAVA_SDK, cast.prodVpcEndpoint);
  const session = new RotatingSession(rng.fork('batch'), cast.roles.financeBatch, 'finance-nightly', origin, 'ecs-tasks.amazonaws.com', 24 * HOUR);
  const events: CloudTrailEvent[] = [];
  for (const day of [19, 20, 21]) {
    const start = Date.UTC(2026, 10, day, 1, 0, 0);
    const batchCustomers = [SEED_CUSTOMER, ...Array.from({ length: 30 }, () => customers.sample(rng))];
    batchCustomers.forEach((customer, index) => {
      const time = start + index * 50_000 + rng.int(20_000);
      const call = { rng, time, region: REGION, account: PROD, actor: session.at(time) };
      const context = customerContext(customer, 'finance');
      events.push(decryptEvent(call, { kmsKey: finance, context }));
      events.push(encryptEvent({ ...call, time: time + 2_000 }, { kmsKey: finance, keyId: 'alias/finance', context }));
    });
  }
  return [...events, ...session.issuingEvents(REGION)];
}
