import type { RejectedRecord } from '../core/index/reports.js';
import type { FilterError } from '../core/query/filter-parse.js';

/**
 * The slice of each pane, by pane id. Each pane's definition file (app/panes/<name>.ts)
 * adds its own entry with `declare module '../state.js'`, so a pane's id and state are
 * written once, beside its controller, and the store's state grows with the panes.
 */
export interface PaneSlices {}

/** The panes the responder moves between: the keys of PaneSlices. */
export type PaneId = keyof PaneSlices & string;

/** What keys mean right now: panes, typing a filter or a note, or an overlay on top. */
export type Mode = 'normal' | 'filter' | 'help' | 'rejected' | 'note' | 'value';

/** A value of the selection, whole: what `v` shows wrapped and `y` copies, however narrow its column. */
export interface FullValue {
  label: string;
  value: string;
}

/** A place Esc returns to: the pane (and the one beside it) and how deep the breadcrumb was. */
export interface BackStep {
  pane: PaneId;
  companion: PaneId;
  crumbs: number;
}

export interface UiSlice {
  pane: PaneId;
  /** The last pane focused that opens beside the events: shown there on a wide screen. */
  companion: PaneId;
  mode: Mode;
  columns: number;
  rows: number;
  /** One-line notice (a disabled key's reason, a filter error); cleared by the next key. */
  message: string | null;
  quitting: boolean;
  /** Scroll position (help, rejected) or selected value (value overlay) of the overlay. */
  overlayTop: number;
  /** The values the value overlay (`v`) shows. */
  values: FullValue[];
  /** Every pane change and breadcrumb step, newest last: what Esc walks back. */
  back: BackStep[];
}

/** What the files read since the last quiet spell after the first scan brought: a file of duplicates only says so too. */
export interface Arrivals {
  files: number;
  added: number;
  duplicates: number;
  rejected: number;
}

/** Where the events list stood: the selected event's key, and whether it followed the newest. */
export interface EventAnchor {
  time: number;
  seq: number;
  follow: boolean;
}

/** One step of the breadcrumb: a filter the responder applied or pivoted to. */
export interface Crumb {
  text: string;
  /** What was added at this step, for the breadcrumb line. */
  label: string;
  /** `narrow`: the previous filter with a term added or moved sideways; `replace`: a new filter typed over it. */
  kind: 'narrow' | 'replace';
  /** Where the events list was when the next step was taken: Esc comes back to it. */
  anchor?: EventAnchor | null;
}

export interface FilterDraft {
  text: string;
  cursor: number;
  /** Position in history while browsing it with up/down; -1 when editing. */
  historyIndex: number;
  completions: string[];
  completionIndex: number;
  errors: FilterError[];
}

export interface FilterSlice {
  crumbs: Crumb[];
  draft: FilterDraft;
  history: string[];
  errorsOnly: boolean;
  hideService: boolean;
  /** The text actually run: the crumb plus the quick toggles. */
  effective: string;
  errors: FilterError[];
  /** Why the effective filter can match nothing, in the index's words (the first of compileFilter's notes); null when it may match. */
  note: string | null;
}

export interface StatusSlice {
  dir: string | null;
  dbPath: string;
  totalEvents: number;
  rate: number;
  /** Seconds left of the first scan, smoothed over the progress reports; null when unknown. */
  etaSeconds: number | null;
  filesSeen: number;
  filesDone: number;
  /** Every file delivered at or after this time is indexed (`2026-11-21T01:06:00Z`); null: not even the newest. */
  deliveredSince: string | null;
  /** Files whose last read failed (retried later): a finished scan with some is not complete. */
  filesFailing: number;
  initialScanDone: boolean;
  indexing: boolean;
  startedAt: number;
  rejected: number;
  rejectedList: RejectedRecord[];
  problems: Array<{ file: string; reason: string }>;
  /** Matching events under the filter (capped), null while counting. */
  matches: number | null;
  matchesCapped: boolean;
  /** Why there is nothing to show (missing directory, no index yet). */
  notice: string | null;
  /** The latest arrivals after the first scan; null before any. */
  arrivals: Arrivals | null;
  /** What the indexer said of its detections: still checking events, done with all, or nothing yet. */
  detections: 'unknown' | 'checking' | 'current';
}

/** The whole state: the frame, the filter and the status, plus one slice per pane. */
export interface WorkbenchState extends PaneSlices {
  ui: UiSlice;
  filter: FilterSlice;
  status: StatusSlice;
}
