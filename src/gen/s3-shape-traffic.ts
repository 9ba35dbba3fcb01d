import type { CloudTrailEvent } from './event-types.js';
import { BENCH_ACCOUNTS } from './bench-world.js';
import { nextEvents } from './bench-chunk.js';
import type { BenchContext } from './bench-kms-events.js';
import { otherEvent, type OtherService } from './bench-other-events.js';
import type { DeliveryStream } from './s3-layout.js';
import { MINUTE } from './time-format.js';

/**
 * What one 5-minute round of an `aws s3 sync`ed trail holds: the bench mix in the regions
 * where the bench's keys and principals live (busy: tens to hundreds of events per file),
 * and a trickle of Describe, STS, SSM and CloudTrail calls everywhere else (quiet: 0-10).
 */

/** The regions every account has enabled by default: a trail that logs all regions delivers from each. */
export const COMMERCIAL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-central-1', 'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
] as const;

export const DELIVERY_MINUTES = 5;
/** Bench-mix calls per second across all accounts: one to two hundred per delivery in the busiest streams (us-east-1 of the first account). */
export const BUSY_EVENTS_PER_SECOND = 3;
export const QUIET_MAX_EVENTS = 10;

const QUIET_CALLS: ReadonlyArray<readonly [OtherService, number]> = [['ec2', 10], ['sts', 5], ['ssm', 4], ['cloudtrail', 2], ['secretsmanager', 1]];

/** Every account's stream in every region, in the order a round writes them. */
export function s3ShapeStreams(): DeliveryStream[] {
  return BENCH_ACCOUNTS.flatMap((account) => COMMERCIAL_REGIONS.map((region) => ({ account, region })));
}

export const streamKey = (stream: { account: string; region: string }): string => `${stream.account}/${stream.region}`;

/** A round's bench-mix events, by the stream that delivers them (each event's own account and region). */
export function busyRound(context: BenchContext, roundStart: number): Map<string, CloudTrailEvent[]> {
  const { rng } = context;
  const mean = BUSY_EVENTS_PER_SECOND * DELIVERY_MINUTES * 60;
  const count = Math.round(mean * (0.75 + rng.float() / 2));
  const byStream = new Map<string, CloudTrailEvent[]>();
  for (let made = 0; made < count; ) {
    for (const event of nextEvents(context, roundStart + rng.int(DELIVERY_MINUTES * MINUTE))) {
      context.probes.onEvent(event);
      const key = streamKey({ account: event.recipientAccountId, region: event.awsRegion });
      const events = byStream.get(key);
      if (events) events.push(event);
      else byStream.set(key, [event]);
      made++;
    }
  }
  return byStream;
}

/** A quiet stream's delivery: mostly one to a few calls, now and then none. */
export function quietDelivery(context: BenchContext, stream: DeliveryStream, roundStart: number): CloudTrailEvent[] {
  const { rng } = context;
  const count = rng.chance(0.05) ? 0 : 1 + Math.floor(QUIET_MAX_EVENTS * rng.float() ** 2);
  return Array.from({ length: count }, () => {
    const event = otherEvent(context, roundStart + rng.int(DELIVERY_MINUTES * MINUTE), rng.weighted(QUIET_CALLS), stream);
    context.probes.onEvent(event);
    return event;
  });
}
