import type { CloudTrailEvent } from '../event-types.js';
import { jsonLines, lookupEventsDocument } from '../export-formats.js';
import { CLOUDWATCH_EXPORT, LOOKUP_EXPORT } from './timeline.js';
import { PROD } from './cast.js';

/**
 * The two exports beside the S3 tree. The CloudWatch Logs export comes from the org
 * trail's log group (so it still has KMS after the account trail lost it) filtered to
 * prod's KMS events; lookup-events is CloudTrail event history for deploy-bot in
 * us-east-1, which event selectors never affect.
 */

const within = (event: CloudTrailEvent, window: { from: number; to: number }): boolean => {
  const time = Date.parse(event.eventTime);
  return time >= window.from && time < window.to;
};

/** CloudWatch delivers roughly in arrival order: sorted by time, as exports come out. */
export function cloudWatchKmsEvents(world: readonly CloudTrailEvent[]): CloudTrailEvent[] {
  return world
    .filter((event) => event.recipientAccountId === PROD && event.eventSource === 'kms.amazonaws.com' && within(event, CLOUDWATCH_EXPORT))
    .sort((left, right) => left.eventTime.localeCompare(right.eventTime));
}

/** Event history keeps management events only, per region; IAM's global events land in us-east-1. */
export function deployBotHistory(world: readonly CloudTrailEvent[]): CloudTrailEvent[] {
  return world.filter(
    (event) =>
      event.recipientAccountId === PROD &&
      event.userIdentity.userName === 'deploy-bot' &&
      event.awsRegion === 'us-east-1' &&
      event.managementEvent &&
      within(event, LOOKUP_EXPORT),
  );
}

export const cloudWatchExportText = (world: readonly CloudTrailEvent[]): string => jsonLines(cloudWatchKmsEvents(world));
export const lookupExportText = (world: readonly CloudTrailEvent[]): string => lookupEventsDocument(deployBotHistory(world));
