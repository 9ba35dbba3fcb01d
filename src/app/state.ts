import type { DetectionHit } from '../core/detect/types.js';
import type { Finding, FindingTarget } from '../core/findings/types.js';
import type { RejectedRecord } from '../core/index/reports.js';
import type { EntityKind } from '../core/normalize/types.js';
import type { EventRow } from '../core/query/event-rows.js';
import type { FacetValue } from '../core/query/facets.js';
import type { FilterError } from '../core/query/filter-parse.js';
import type { Chain } from '../core/correlate/types.js';
import type { ChainStep } from './data/chain-steps.js';
import type { DetailLine } from './data/detail-lines.js';

/**
 * Panes the responder moves between. A new pane adds its id here, a controller in
 * app/panes/, a component in ui/panes/ and its keys in app/keymap.ts (docs/UI.md).
 */
export type PaneId = 'events' | 'facets' | 'detail' | 'histogram' | 'detections' | 'findings' | 'chain';

/** What keys mean right now: panes, typing a filter, or an overlay on top. */
export type Mode = 'normal' | 'filter' | 'help' | 'rejected' | 'note';

export interface UiSlice {
  pane: PaneId;
  /** The last of facets/detail/detections/findings/chain focused: the companion shown beside the events on a wide screen. */
  companion: 'facets' | 'detail' | 'detections' | 'findings' | 'chain';
  mode: Mode;
  columns: number;
  rows: number;
  /** One-line notice (a disabled key's reason, a filter error); cleared by the next key. */
  message: string | null;
  quitting: boolean;
  /** Scroll position of the help and rejected overlays. */
  overlayTop: number;
}

/** The virtual list: a buffer of rows around the viewport, oldest first, fetched by key. */
export interface EventsSlice {
  rows: EventRow[];
  /** Index in `rows` of the first visible row and of the selected row. */
  top: number;
  selected: number;
  /** Sticks to the newest event as they arrive, like `tail -f`. */
  follow: boolean;
  /** True when the buffer reaches the oldest / newest matching event. */
  atOldest: boolean;
  atNewest: boolean;
  loaded: boolean;
}

/** One step of the breadcrumb: a filter the responder applied or pivoted to. */
export interface Crumb {
  text: string;
  /** What was added at this step, for the breadcrumb line. */
  label: string;
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
}

export interface FacetsSlice {
  kinds: EntityKind[];
  kindIndex: number;
  selected: number;
  top: number;
  /** Values per kind under the current filter; absent until the first counts arrive. */
  values: Partial<Record<EntityKind, FacetValue[]>>;
  /** How much of the matches each kind has counted so far (1: all). */
  progress: Partial<Record<EntityKind, number>>;
}

export interface DetailSlice {
  seq: number | null;
  lines: DetailLine[];
  selected: number;
  top: number;
  /** Horizontal scroll, in columns, for long JSON lines. */
  left: number;
}

export interface HistogramSlice {
  start: number;
  width: number;
  counts: number[];
  errors: number[];
  selected: number;
  ready: boolean;
}

/** The detection hits of the index, most severe first (loaded when the pane is focused or the data changes). */
export interface DetectionsSlice {
  hits: DetectionHit[];
  selected: number;
  top: number;
  loaded: boolean;
}

/** The one-line note typed after `m` (a new finding: `target`) or `i` (editing finding `findingId`'s note). */
export interface NotePrompt {
  label: string;
  text: string;
  target: FindingTarget | null;
  findingId: number | null;
}

/** The responder's findings in the note's order, and the note prompt while one is typed. */
export interface FindingsSlice {
  list: Finding[];
  selected: number;
  top: number;
  prompt: NotePrompt | null;
  /** The finding a first D asked to remove: a second D on it removes it. */
  confirmRemove: number | null;
}

/** The chain of one event (`c`): the chain as the core built it and its rows, root first. */
export interface ChainSlice {
  seq: number | null;
  chain: Chain | null;
  steps: ChainStep[];
  selected: number;
  top: number;
}

export interface StatusSlice {
  dir: string | null;
  dbPath: string;
  totalEvents: number;
  rate: number;
  filesSeen: number;
  filesDone: number;
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
}

export interface WorkbenchState {
  ui: UiSlice;
  events: EventsSlice;
  filter: FilterSlice;
  facets: FacetsSlice;
  detail: DetailSlice;
  histogram: HistogramSlice;
  detections: DetectionsSlice;
  findings: FindingsSlice;
  chain: ChainSlice;
  status: StatusSlice;
}
