import type { CloudTrailEvent } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';

/** Secrets Manager reads; the matching KMS Decrypt carries `aws:secretsmanager:arn`. */
export function getSecretValueEvent(call: Call, secretArn: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    readOnly: true,
    requestParameters: { secretId: secretArn },
  });
}

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>` */
export function secretArn(region: string, account: string, name: string, suffix: string): string {
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
}
