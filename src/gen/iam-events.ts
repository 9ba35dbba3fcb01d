import type { CloudTrailEvent, JsonObject } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';

/** IAM is global: its events are recorded in us-east-1. */

const IAM = 'iam.amazonaws.com';

export function iamReadEvent(call: Call, eventName: string, requestParameters: JsonObject | null): CloudTrailEvent {
  return cloudTrailEvent(call, { eventSource: IAM, eventName, readOnly: true, requestParameters });
}

export const getUserEvent = (call: Call, userName?: string): CloudTrailEvent =>
  iamReadEvent(call, 'GetUser', userName ? { userName } : null);

export const listAttachedUserPoliciesEvent = (call: Call, userName: string): CloudTrailEvent =>
  iamReadEvent(call, 'ListAttachedUserPolicies', { userName });

export const listUsersEvent = (call: Call): CloudTrailEvent => iamReadEvent(call, 'ListUsers', { maxItems: 100 });

export const listRolesEvent = (call: Call): CloudTrailEvent => iamReadEvent(call, 'ListRoles', { maxItems: 100 });

/** Deactivating a leaked key: status Inactive. */
export function updateAccessKeyEvent(call: Call, userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: IAM,
    eventName: 'UpdateAccessKey',
    readOnly: false,
    requestParameters: { userName, accessKeyId, status },
  });
}
