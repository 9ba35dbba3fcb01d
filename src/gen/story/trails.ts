import type { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import { planDeliveries, type DeliveryFile, type DeliveryStream } from '../s3-layout.js';
import { DELIVERY_GAP, INCIDENT, ORG_SLICE_OF_PROD, REMEDIATION } from './timeline.js';
import { DATA, ORG_ID, PROD } from './cast.js';

/**
 * Which trail copies of the story's events ended up in the responder's bucket:
 * prod's own trail (prod-audit) for the whole window, minus KMS while the attacker's
 * event selector excluded it and minus us-west-2 during the delivery gap; and the
 * organization trail for the data account, plus prod for the incident night only.
 */

const timeOf = (event: CloudTrailEvent): number => Date.parse(event.eventTime);

export function inProdAccountTrail(event: CloudTrailEvent): boolean {
  if (event.recipientAccountId !== PROD) return false;
  const time = timeOf(event);
  const kmsExcluded = event.eventSource === 'kms.amazonaws.com' && time >= INCIDENT.trailTampering && time < REMEDIATION.selectorsRestored;
  const inGap = event.awsRegion === DELIVERY_GAP.region && time >= DELIVERY_GAP.from && time < DELIVERY_GAP.to;
  return !kmsExcluded && !inGap;
}

export function inOrgTrailCopy(event: CloudTrailEvent): boolean {
  if (event.recipientAccountId === DATA) return true;
  const time = timeOf(event);
  return event.recipientAccountId === PROD && time >= ORG_SLICE_OF_PROD.from && time < ORG_SLICE_OF_PROD.to;
}

/** Every event that is in at least one delivered file. */
export const isDelivered = (event: CloudTrailEvent): boolean => inProdAccountTrail(event) || inOrgTrailCopy(event);

export function deliverStory(rng: Rng, world: readonly CloudTrailEvent[]): DeliveryFile[] {
  const streams = new Map<string, { stream: DeliveryStream; events: CloudTrailEvent[] }>();
  const add = (stream: DeliveryStream, event: CloudTrailEvent): void => {
    const key = `${stream.orgId ?? ''}/${stream.account}/${stream.region}`;
    const entry = streams.get(key) ?? { stream, events: [] };
    entry.events.push(event);
    streams.set(key, entry);
  };
  for (const event of world) {
    const stream = { account: event.recipientAccountId, region: event.awsRegion };
    if (inProdAccountTrail(event)) add(stream, event);
    if (inOrgTrailCopy(event)) add({ ...stream, orgId: ORG_ID }, event);
  }
  return [...streams.keys()].sort().flatMap((key) => {
    const { stream, events } = streams.get(key)!;
    return planDeliveries(rng.fork(key), stream, events);
  });
}
