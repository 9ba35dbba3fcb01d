import type { CloudTrailEvent, UserIdentity } from './event-types.js';

/** The other shapes responders collect besides the S3 tree. */

/** CloudWatch Logs export / `jq -c`: one event per line, newline-terminated. */
export function jsonLines(events: readonly CloudTrailEvent[]): string {
  return events.map((event) => JSON.stringify(event) + '\n').join('');
}

/** What `aws cloudtrail lookup-events` shows as Username. */
export function lookupUsername(identity: UserIdentity): string | undefined {
  switch (identity.type) {
    case 'IAMUser':
      return identity.userName;
    case 'AssumedRole':
      return identity.arn?.slice(identity.arn.lastIndexOf('/') + 1);
    case 'Root':
      return 'root';
    default:
      return identity.invokedBy;
  }
}

/** One entry of the lookup-events `Events` list; the raw event is a JSON string. */
export function lookupEventEntry(event: CloudTrailEvent) {
  return {
    EventId: event.eventID,
    EventName: event.eventName,
    ReadOnly: String(event.readOnly),
    AccessKeyId: event.userIdentity.accessKeyId || undefined,
    EventTime: event.eventTime.replace('Z', '+00:00'),
    EventSource: event.eventSource,
    Username: lookupUsername(event.userIdentity),
    Resources: (event.resources ?? []).map((resource) => ({ ResourceType: resource.type, ResourceName: resource.ARN })),
    CloudTrailEvent: JSON.stringify(event),
  };
}

/** The CLI's output, newest first, printed with 4-space indentation like aws-cli. */
export function lookupEventsDocument(events: readonly CloudTrailEvent[]): string {
  const newestFirst = [...events].sort((left, right) => right.eventTime.localeCompare(left.eventTime));
  return JSON.stringify({ Events: newestFirst.map(lookupEventEntry) }, null, 4) + '\n';
}
