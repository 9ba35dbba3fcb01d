import type { Chain } from '../correlate/types.js';
import type { DetectionHit } from '../detect/types.js';
import type { FindingKind } from '../findings/types.js';
import type { IntegrityStatus } from '../validate/types.js';

/**
 * The incident note as data: built once from the index, rendered as markdown for
 * people and as JSON for machines, so both carry the same content. Every string
 * from a log or a note is raw here; renderers escape.
 */
export interface IncidentReport {
  title: string;
  /** ISO UTC. */
  generatedAt: string;
  /** First and last event behind the findings (ISO UTC); null when they have no times. */
  window: { from: string; to: string } | null;
  logDirectory: string | null;
  index: IndexStats;
  summary: ReportSummary;
  findings: ReportFinding[];
  timeline: TimelineEntry[];
  /** Null when validation never ran on this index. */
  integrity: { checkedAt: string; counts: Partial<Record<IntegrityStatus, number>> } | null;
}

export interface IndexStats {
  path: string | null;
  events: number;
  files: number;
  rejectedRecords: number;
  firstEvent: string | null;
  lastEvent: string | null;
}

export interface Tally {
  value: string;
  count: number;
}

export interface ReportSummary {
  /** Events behind the findings that the note lists. */
  events: number;
  principals: Tally[];
  keys: Array<Tally & { aliases: string[] }>;
  ips: Tally[];
  accounts: Tally[];
  eventNames: Tally[];
}

export interface ReportFinding {
  id: number;
  kind: FindingKind;
  reference: string;
  note: string;
  markedAt: string;
  /** Events behind the finding; `events` lists them (a filter: its first ones). */
  total: number;
  events: string[];
  problem: string | null;
  hit: DetectionHit | null;
  chain: Chain | null;
  reproduce: { command: string; filter: string; exact: boolean } | null;
}

/** One event of the timeline, with its evidence (ids, files and their integrity). */
export interface TimelineEntry {
  uid: string;
  eventID: string | null;
  time: string | null;
  eventName: string | null;
  principal: string | null;
  key: string | null;
  keyAliases: string[];
  sourceIP: string | null;
  errorCode: string | null;
  requestID: string | null;
  files: Array<{ path: string; integrity: IntegrityStatus | null }>;
  /** Ids of the findings this event is evidence for. */
  findings: number[];
}
