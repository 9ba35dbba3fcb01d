import type { CloudTrailEvent, JsonObject } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';

/** CloudTrail's own API: the calls that change what gets logged. */

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

export interface EventSelector {
  readWriteType: 'All' | 'ReadOnly' | 'WriteOnly';
  includeManagementEvents: boolean;
  /** `["kms.amazonaws.com"]` silences KMS management events on the trail. */
  excludeManagementEventSources: string[];
}

function selectorJson(selector: EventSelector): JsonObject {
  return {
    readWriteType: selector.readWriteType,
    includeManagementEvents: selector.includeManagementEvents,
    dataResources: [],
    excludeManagementEventSources: selector.excludeManagementEventSources,
  };
}

export function putEventSelectorsEvent(call: Call, trailArn: string, selectors: EventSelector[]): CloudTrailEvent {
  const trailName = trailArn.slice(trailArn.lastIndexOf('/') + 1);
  return cloudTrailEvent(call, {
    eventSource: CLOUDTRAIL,
    eventName: 'PutEventSelectors',
    readOnly: false,
    requestParameters: { trailName, eventSelectors: selectors.map(selectorJson) },
    responseElements: { trailARN: trailArn, eventSelectors: selectors.map(selectorJson) },
    resources: [{ accountId: call.account, type: 'AWS::CloudTrail::Trail', ARN: trailArn }],
  });
}

export function stopLoggingEvent(call: Call, trailArn: string): CloudTrailEvent {
  return trailCall(call, 'StopLogging', trailArn, false);
}

export function startLoggingEvent(call: Call, trailArn: string): CloudTrailEvent {
  return trailCall(call, 'StartLogging', trailArn, false);
}

export function getEventSelectorsEvent(call: Call, trailArn: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: CLOUDTRAIL,
    eventName: 'GetEventSelectors',
    readOnly: true,
    requestParameters: { trailName: trailArn },
  });
}

export function getTrailStatusEvent(call: Call, trailArn: string): CloudTrailEvent {
  return cloudTrailEvent(call, { eventSource: CLOUDTRAIL, eventName: 'GetTrailStatus', readOnly: true, requestParameters: { name: trailArn } });
}

export function describeTrailsEvent(call: Call): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: CLOUDTRAIL,
    eventName: 'DescribeTrails',
    readOnly: true,
    requestParameters: { includeShadowTrails: true },
  });
}

function trailCall(call: Call, eventName: string, trailArn: string, readOnly: boolean): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: CLOUDTRAIL,
    eventName,
    readOnly,
    requestParameters: { name: trailArn },
    resources: [{ accountId: call.account, type: 'AWS::CloudTrail::Trail', ARN: trailArn }],
  });
}
