/** The detection contract (issue 6), shared with the workbench, findings and the export. */
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
}
