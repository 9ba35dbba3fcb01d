import type { CloudTrailEvent } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';
import { kmsResponseDate, HOUR } from './time-format.js';
import type { IamRole } from './identities.js';

/** STS: role assumption (instance profiles, SSO, cross-account) and whoami. */

const STS = 'sts.amazonaws.com';

/** The credentials' session token is never logged in full; a placeholder stands in. */
export function assumeRoleEvent(call: Call, role: IamRole, roleSessionName: string, issuedAccessKeyId: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: STS,
    eventName: 'AssumeRole',
    readOnly: true,
    requestParameters: { roleArn: role.arn, roleSessionName, durationSeconds: 3600 },
    responseElements: {
      credentials: { accessKeyId: issuedAccessKeyId, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', expiration: kmsResponseDate(call.time + HOUR) },
      assumedRoleUser: {
        assumedRoleId: `${role.roleId}:${roleSessionName}`,
        arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${roleSessionName}`,
      },
    },
    resources: [{ accountId: role.account, type: 'AWS::IAM::Role', ARN: role.arn }],
  });
}

/** An attacker's first call with a stolen key is usually this one. */
export function getCallerIdentityEvent(call: Call): CloudTrailEvent {
  return cloudTrailEvent(call, { eventSource: STS, eventName: 'GetCallerIdentity', readOnly: true, requestParameters: null });
}
