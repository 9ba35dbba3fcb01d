/** What a finding points at: one event, the chain built from an event, a detection hit, or a whole filter. */
export type FindingKind = 'event' | 'chain' | 'hit' | 'filter';

export const FINDING_KINDS: readonly FindingKind[] = ['event', 'chain', 'hit', 'filter'];

/**
 * A piece of evidence the responder marked, with their note. Findings live in the
 * index so they survive restarts and the workbench and the CLI see the same list.
 */
export interface Finding {
  id: number;
  kind: FindingKind;
  /** Event uid (event), origin event uid (chain), hit id (hit), or filter text with ages pinned (filter). */
  reference: string;
  /** The responder's one-line note; free text, escape before display. */
  note: string;
  /** Manual order: findings list by position, new ones placed by the time of their evidence. */
  position: number;
  /** Epoch ms of the earliest event behind the finding when it was marked; null when unknown. */
  evidenceTime: number | null;
  createdAt: number;
  updatedAt: number;
}

/** What to mark: the finding's kind and its reference as the responder named it. */
export interface FindingTarget {
  kind: FindingKind;
  reference: string;
}
