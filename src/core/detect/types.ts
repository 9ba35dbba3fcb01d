/** The detection contract, shared with the workbench, findings and the export. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface DetectionHit {
  /** Stable across runs for the same finding (rule + what it is about), so findings can point at it. */
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  /** One sentence a responder understands: why it fired. */
  reason: string;
  /** ISO UTC time span of the events behind the hit. */
  first: string;
  last: string;
  principal: string | null;
  key: string | null;
  ip: string | null;
  /** Every event behind the hit (event uids, as `query --json` prints them), not a sample. */
  eventIDs: string[];
  /** How many events are behind the hit (equals eventIDs.length unless the list was not loaded). */
  eventCount?: number;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** One step less severe: an attempt that was refused, or a case the allow-list half covers. */
export function lowerSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITY_RANK[severity] - 1)]!;
}
