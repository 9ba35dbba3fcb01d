/**
 * What a CloudTrail record is, from its eventType (and eventCategory): an API call, an AWS
 * service acting on its own, a console sign-in or action, a VPC endpoint's network-activity
 * record (a call seen, and maybe denied, at the endpoint: not the API call itself), an Insights
 * event. Records without eventType are API calls (older versions left it out).
 */
export type EventKind = 'api-call' | 'service-event' | 'console-signin' | 'console-action' | 'network-activity' | 'insight' | 'other';

export const EVENT_KINDS: readonly EventKind[] = [
  'api-call', 'service-event', 'console-signin', 'console-action', 'network-activity', 'insight', 'other',
];

/** The eventType of each kind (the Athena SQL derives its CASE from this one table). */
export const KIND_OF_TYPE: Readonly<Record<string, EventKind>> = {
  AwsApiCall: 'api-call',
  AwsServiceEvent: 'service-event',
  AwsConsoleSignIn: 'console-signin',
  AwsConsoleAction: 'console-action',
  AwsVpceEvent: 'network-activity',
  AwsCloudTrailInsight: 'insight',
};

export function eventKindOf(eventType: string | null, eventCategory: string | null): EventKind {
  if (eventCategory === 'NetworkActivity') return 'network-activity';
  if (eventType === null) return 'api-call';
  return KIND_OF_TYPE[eventType] ?? 'other';
}
