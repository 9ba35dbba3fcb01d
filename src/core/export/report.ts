import type { Chain } from '../correlate/types.js';
import type { DetectionHit } from '../detect/types.js';
import type { FindingKind } from '../findings/types.js';
import type { IntegrityStatus } from '../validate/types.js';

/**
 * The incident note as data: built once from the index, rendered as markdown for
 * people and as JSON for machines, so both carry the same content. Every string
 * from a log or a note is raw here; renderers escape. The events themselves go to
 * the evidence file beside the note (see evidence-file.ts), not in here.
 */
export interface IncidentReport {
  title: string;
  /** ISO UTC. */
  generatedAt: string;
  /** The attack's window: first and last core event (see scope.ts); null when they have no times. */
  window: { from: string; to: string } | null;
  /** The log folder as given: reproduce commands name it with `--dir`. */
  logDirectory: string | null;
  index: IndexStats;
  summary: ReportSummary;
  indicators: Indicators;
  timeline: Moment[];
  /** Events of the findings left out of the timeline (other principals', the actors' outside the window): in the evidence file. */
  contextEvents: number;
  findings: ReportFinding[];
  open: OpenItem[];
  closed: ClosedItem[];
  evidence: EvidenceSummary;
  /** Null when validation never ran on this index. */
  integrity: { checkedAt: string; counts: Partial<Record<IntegrityStatus, number>> } | null;
}

/** What the index holds; its path is private to this machine and never named. */
export interface IndexStats {
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

/** A principal behind the attack, with the principal its chain leads back to when that is someone else. */
export interface Actor extends Tally {
  root: string | null;
  /** The principal's account when it owns none of the keys used: a caller from outside. */
  outsideAccount: string | null;
}

export interface KeyUse {
  key: string;
  aliases: string[];
  calls: number;
  failed: number;
  operations: Tally[];
}

export interface ReportSummary {
  /** Calls by the actors in the findings' events. */
  calls: number;
  actors: Actor[];
  keys: KeyUse[];
  ips: Tally[];
  externalAccounts: string[];
  /** Encryption-context pairs (`customerId=cust-98765`) of the actors' calls: whose data. */
  contexts: Tally[];
}

/** Values a responder copies into other tools. */
export interface Indicators {
  ips: string[];
  accessKeyIds: string[];
  principals: string[];
  externalAccounts: string[];
  userAgents: string[];
  grantIds: string[];
}

/** A run of the same call by the same principal on the same key: one timeline line. */
export interface Moment {
  from: string | null;
  to: string | null;
  count: number;
  eventName: string | null;
  principal: string | null;
  key: string | null;
  keyAliases: string[];
  sourceIPs: string[];
  errors: Tally[];
  /** One event of the run, to look it up. */
  sampleEvent: string;
  /** A containment call by someone other than the actors (a responder). */
  containment: boolean;
  findings: number[];
}

/** One event as the note quotes it. */
export interface SampleEvent {
  uid: string;
  time: string | null;
  eventName: string | null;
  principal: string | null;
  sourceIP: string | null;
  errorCode: string | null;
}

export interface ReportFinding {
  id: number;
  kind: FindingKind;
  reference: string;
  note: string;
  markedAt: string;
  /** Events behind the finding, all of them in the evidence file (a filter's newest 100,000: see EvidenceSummary.partial). */
  total: number;
  window: { from: string; to: string } | null;
  samples: SampleEvent[];
  problem: string | null;
  /** The hit without its event list (the evidence file has every event). */
  hit: Omit<DetectionHit, 'eventIDs'> | null;
  chain: ChainSummary | null;
  reproduce: { command: string; filter: string; exact: boolean } | null;
}

/** A chain as the note tells it: who started it and the path from them to the marked event. */
export interface ChainSummary {
  root: string | null;
  members: number;
  path: Array<{ eventName: string | null; principal: string | null; via: { kind: string; value: string } | null }>;
  missing: string[];
  truncated: boolean;
}

/** `deleted`: a scheduled deletion past its waiting period with no cancel in the logs (nothing left to undo). */
export type OpenKind = 'grant' | 'policy' | 'rotation' | 'deletion' | 'deleted' | 'disabled' | 'access-key';

/** A change the actors made, and what the logs show of it at the end of the indexed range. */
interface ChangeItem {
  kind: OpenKind;
  /** The key's ARN (or id), or the access key id. */
  subject: string;
  subjectAliases: string[];
  /** When and by whom the change was made (an access key: its first use in the findings). */
  at: string | null;
  by: string | null;
  /** The event that made the change. */
  event: string;
  /** False for a later change by the same actors that no finding holds, found in the logs. */
  inFindings: boolean;
  /** Labelled values: the grantee, the accounts a policy lets in, the deletion date, the last use... */
  facts: Array<{ label: string; value: string }>;
}

/** A change still in place at the end of the indexed range, with the `aws` command that would contain it (never run). */
export interface OpenItem extends ChangeItem {
  command: string;
  /** The key policy before the change, when the logs hold it: JSON as logged, and the event that set it. */
  previousPolicy: { json: string; event: string } | null;
}

/** A change a later call in the logs took back. */
export interface ClosedItem extends ChangeItem {
  closedAt: string | null;
  closedBy: string | null;
  closedEvent: string;
}

export interface EvidenceSummary {
  /** The file beside the note; null when the note went to standard output. */
  file: string | null;
  events: number;
  sourceFiles: number;
  /** The source files by integrity verdict; `not validated` when validation never ran. */
  integrity: Tally[];
  /** Filter findings that match more events than the file takes (FILTER_EVENTS_CAP): it holds their newest. */
  partial: Array<{ finding: number; inFile: number; total: number }>;
}
