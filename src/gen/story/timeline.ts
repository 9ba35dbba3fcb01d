import { HOUR, MINUTE, SECOND } from '../time-format.js';

/**
 * When things happen in the sample story. Every planted moment is named here so the
 * parts that react to it (the payments outage, the trail's KMS blackout) agree.
 */
const at = (day: number, hour: number, minute = 0, second = 0): number => Date.UTC(2026, 10, day, hour, minute, second);

export const STORY_START = at(18, 12);
export const STORY_END = at(21, 12);

/** Business hours: Europe/Amsterdam 08:00-18:00, Mon-Fri; CET is UTC+1 in November. */
export const AMSTERDAM_UTC_OFFSET = 1 * HOUR;

export function isBusinessHours(time: number): boolean {
  const local = new Date(time + AMSTERDAM_UTC_OFFSET);
  const day = local.getUTCDay();
  const hour = local.getUTCHours();
  return day >= 1 && day <= 5 && hour >= 8 && hour < 18;
}

export const REPORTS_KEY_CREATED = at(18, 13, 58, 12);
export const REPORTS_FIRST_ATTEMPT = at(18, 14, 5, 3);
export const REPORTS_ALIAS_CREATED = at(18, 14, 10, 22);
export const EXPORTS_ALIAS_CREATED = at(19, 10, 15, 40);
export const EBS_CHAIN_LAUNCH = at(19, 14, 22, 5);
export const REPORTS_ALIAS_UPDATED = at(20, 10, 31, 9);
export const MISSING_LINK_LAUNCH = at(20, 16, 40, 31);

/** The incident, 2026-11-21 (a Saturday night), all UTC. */
export const INCIDENT = {
  start: at(21, 1, 58, 40),
  iamRecon: at(21, 1, 59, 10),
  kmsRecon: at(21, 2, 1, 5),
  decryptBurst: at(21, 2, 14, 0),
  contextDecrypts: at(21, 2, 19, 40),
  dataKeyFloodStart: at(21, 2, 25, 0),
  dataKeyFloodEnd: at(21, 3, 14, 0),
  unknownEnclaveImage: at(21, 2, 51, 17),
  policyChange: at(21, 3, 16, 30),
  externalGrant: at(21, 3, 20, 40),
  crossAccountDecrypts: at(21, 3, 24, 0),
  rotationDisabled: at(21, 3, 36, 10),
  keyDeletionScheduled: at(21, 3, 39, 50),
  trailTampering: at(21, 3, 42, 30),
  afterTampering: at(21, 3, 55, 10),
  end: at(21, 4, 40),
} as const;

/** The prod account trail stops recording KMS from the selector change until bob restores it. */
export const REMEDIATION = {
  selectorsRestored: at(21, 8, 55, 2),
  keyDeletionCancelled: at(21, 9, 10, 14),
  keyEnabled: at(21, 9, 11, 2),
  accessKeyDeactivated: at(21, 9, 14, 40),
  reviewStart: at(21, 9, 20),
} as const;

/** No delivery files from the prod account trail in us-west-2 during this window. */
export const DELIVERY_GAP = { region: 'us-west-2', from: at(21, 3, 45), to: at(21, 5, 45) } as const;

/** The org trail copy of prod the responder pulled: the incident night only. */
export const ORG_SLICE_OF_PROD = { from: at(21, 0), to: at(21, 6) } as const;

/** The CloudWatch Logs export the responder ran on the org trail's log group. */
export const CLOUDWATCH_EXPORT = { from: at(20, 22), to: at(21, 7) } as const;

/** `aws cloudtrail lookup-events` for Username=deploy-bot in us-east-1. */
export const LOOKUP_EXPORT = { from: at(20, 0), to: at(21, 10) } as const;

export { HOUR, MINUTE, SECOND };
