/**
 * The chain contract, shared with the workbench, findings and the export.
 * A chain answers "why did this happen, and who is behind it?" for one event.
 */
export type ChainLinkKind = 'instance' | 'volume' | 'grant' | 'request' | 'enclave' | 'accesskey' | 'session';

/** Why an event is in the chain: the specific value it shares with the event before it. */
export interface ChainLink {
  kind: ChainLinkKind;
  value: string;
  /** One phrase a responder reads, e.g. "same instance id in granteePrincipal". */
  reason: string;
}

export interface ChainEvent {
  seq: number;
  uid: string;
  eventID: string | null;
  eventTime: string | null;
  eventName: string | null;
  principal: string | null;
  /** null for the event the chain was asked for. */
  link: ChainLink | null;
  /** Distance from the root in the indented timeline (root = 0). */
  depth: number;
  /** An AWS service acting on someone's behalf: shown folded under that someone, never dropped. */
  folded: boolean;
  /** uid of the member this event shares `link.value` with (null for the origin): the chain's edges. */
  parent?: string | null;
  /** Further specific values this event shares with other members, e.g. "same requestID as RunInstances". */
  also?: ChainLink[];
}

export interface Chain {
  /** The event the chain was built from. */
  origin: { seq: number; uid: string; eventID: string | null };
  /** The human or role whose action started the chain; null when the logs do not show it. */
  root: { principal: string; eventID: string | null; uid: string } | null;
  /** Every member in time order, the origin included. */
  events: ChainEvent[];
  /** What the logs lack, e.g. "no RunInstances for i-0abc in the indexed logs". */
  missing: string[];
  /** True when the size or time bound cut the chain short. */
  truncated: boolean;
}

/** Bounds of a chain: it follows specific values only, and never further than these. */
export interface ChainOptions {
  /** Neighbours are looked for this far before and after the origin (default 30 days; sessions 12 hours at most). */
  windowMs?: number;
  /** At most this many members, the origin included (default 200). */
  maxEvents?: number;
  /** Events read per shared value: half before the origin, half after (default 20). */
  perValue?: number;
  /** Links followed away from the origin (default 6). */
  maxHops?: number;
}
