import type { RuleId } from './rule-ids.js';

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Thresholds, time zone and allow-lists of the detections (docs/DETECTIONS.md documents each field). */
export interface DetectionConfig {
  /** IANA time zone that business hours are in, e.g. `Europe/Amsterdam`. */
  timeZone: string;
  businessHours: { days: Weekday[]; start: string; end: string };
  /** The first part of the indexed time range that baselines are learned from: `25%`, or a length such as `24h`, `7d`. */
  learningWindow: string;
  disabledRules: RuleId[];
  decryptFailureBurst: { failures: number; windowMinutes: number };
  /** Requests one caller had refused by a VPC endpoint policy within the window. */
  vpcePolicyDenials: { denials: number; windowMinutes: number };
  dataKeyVolume: { perHour: number; baselineFactor: number };
  deliveryGap: { minimumMinutes: number; usualFactor: number };
  /** Extra principals treated as people (bots on human credentials), and principals never reported. */
  offHours: { alsoPrincipals: string[]; ignorePrincipals: string[] };
  allow: {
    /** CIDR ranges whose IPs are never "new". */
    ipRanges: string[];
    /** Accounts trusted for cross-account use, grants and key policies. */
    accounts: string[];
    /** Principals (with `*` wildcards) expected on a key (alias, key id or ARN). */
    principalsPerKey: Record<string, string[]>;
    /** Approved enclave image digests (PCR0); when set, any other image is reported. */
    enclaveImages: string[];
  };
}

export function defaultDetectionConfig(): DetectionConfig {
  return {
    timeZone: 'UTC',
    businessHours: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '08:00', end: '18:00' },
    learningWindow: '25%',
    disabledRules: [],
    decryptFailureBurst: { failures: 10, windowMinutes: 5 },
    vpcePolicyDenials: { denials: 10, windowMinutes: 5 },
    dataKeyVolume: { perHour: 200, baselineFactor: 3 },
    deliveryGap: { minimumMinutes: 60, usualFactor: 2 },
    offHours: { alsoPrincipals: [], ignorePrincipals: [] },
    allow: { ipRanges: [], accounts: [], principalsPerKey: {}, enclaveImages: [] },
  };
}
