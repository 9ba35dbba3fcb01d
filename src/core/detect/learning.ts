import type { IndexDb } from '../index/open.js';
import { indexedTimeRange } from '../index/time-range.js';

/** How much of the indexed time range baselines are learned from. */
export type LearningSpec = { kind: 'share'; share: number } | { kind: 'length'; millis: number };

/** The learning window: events up to `end` are the baseline; what is first seen after it is new. */
export interface LearningWindow {
  start: number;
  end: number;
}

const UNIT_MILLIS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `25%` (a share of the range) or `36h`, `7d`, `2w` (a length from the first event); null when neither. */
export function parseLearningWindow(text: string): LearningSpec | null {
  const share = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (share) {
    const value = Number(share[1]) / 100;
    return value > 0 && value < 1 ? { kind: 'share', share: value } : null;
  }
  const length = /^(\d+)\s*([mhdw])$/i.exec(text.trim());
  if (!length || Number(length[1]) === 0) return null;
  return { kind: 'length', millis: Number(length[1]) * UNIT_MILLIS[length[2]!.toLowerCase()]! };
}

/**
 * Learned from the data itself: the first part of the indexed time range. Computed once
 * (then kept in the detection state) so later events do not move what counts as "new".
 */
export function computeLearningWindow(db: IndexDb, spec: LearningSpec): LearningWindow | null {
  const { first: start, last } = indexedTimeRange(db);
  if (start === null || last === null) return null;
  // Whole seconds: the window is shown to people and CloudTrail times have no milliseconds.
  const end = spec.kind === 'share' ? start + Math.round(((last - start) * spec.share) / 1000) * 1000 : start + spec.millis;
  return { start, end };
}
