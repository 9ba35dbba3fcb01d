import type { IndexDb } from '../core/index/open.js';
import { compileFilterOrThrow, type CompiledFilter } from '../core/query/filter-compile.js';
import type { PageRequest } from '../core/query/page.js';
import { queryPage } from '../core/query/query-events.js';
import { matchTimeRange } from '../core/query/time-histogram.js';
import type { BenchFilter } from './bench-filters.js';
import { sampleInterleaved, summarize, type LatencySummary } from './stats.js';

export const PAGE_ROWS = 50;
export const POSITIONS = ['newest', 'middle', 'oldest'] as const;
export type Position = (typeof POSITIONS)[number];

export interface PageLatency {
  filter: string;
  label: string;
  position: Position;
  /** Rows the page returned (fewer than 50 only when the filter matches fewer). */
  rows: number;
  latency: LatencySummary;
}

/** The requests the list makes at each place: the newest screen (G), the oldest (g), a jump into the middle. */
function requestAt(db: IndexDb, filter: CompiledFilter, position: Position): PageRequest {
  if (position === 'newest') return { direction: 'older', limit: PAGE_ROWS };
  if (position === 'oldest') return { direction: 'newer', limit: PAGE_ROWS };
  const range = matchTimeRange(db, filter);
  const middle = range ? Math.floor((range.first + range.last) / 2) : 0;
  return { direction: 'older', limit: PAGE_ROWS, cursor: { time: middle, seq: Number.MAX_SAFE_INTEGER } };
}

export interface PageMeasurements {
  cases: PageLatency[];
  /** Every page timed, all filters and places together: the "any filter" figure of the target. */
  overall: LatencySummary;
}

/** A case slower than this in total stops early (with at least a few samples). */
const CASE_BUDGET_MS = 3_000;

/** Windowed pages (50 full rows) under each filter at the start, middle and end of its list. */
export function measurePages(db: IndexDb, filters: readonly BenchFilter[], rounds: number): PageMeasurements {
  const cases = filters.flatMap((filter) => {
    const compiled = compileFilterOrThrow(db, filter.text);
    return POSITIONS.map((position) => ({ filter, position, compiled, request: requestAt(db, compiled, position), rows: 0 }));
  });
  const times = sampleInterleaved(cases, rounds, CASE_BUDGET_MS, (item) => {
    item.rows = queryPage(db, item.compiled, item.request).length;
  });
  return {
    cases: cases.map((item, index) => ({ filter: item.filter.text, label: item.filter.label, position: item.position, rows: item.rows, latency: summarize(times[index]!) })),
    overall: summarize(times.flat()),
  };
}
