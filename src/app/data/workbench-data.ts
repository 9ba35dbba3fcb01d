import { chainFor } from '../../core/correlate/chain.js';
import type { Chain } from '../../core/correlate/types.js';
import { countHits, hitsPage } from '../../core/detect/hits-read.js';
import type { DetectionHit } from '../../core/detect/types.js';
import { eventCount } from '../../core/index/event-count.js';
import { createFindingsData, type FindingsData } from './findings-data.js';
import type { IndexDb } from '../../core/index/open.js';
import { RawBlockReader } from '../../core/index/raw-store.js';
import type { RejectedRecord } from '../../core/index/reports.js';
import { countRejected, listRejected } from '../../core/index/rejected-list.js';
import type { EntityKind } from '../../core/normalize/types.js';
import { loadEventDetail, type EventDetail } from '../../core/query/event-detail.js';
import type { EventRow } from '../../core/query/event-rows.js';
import { ProbedFacet } from '../../core/query/facet-probe.js';
import { countMatches, facetCounts, type FacetValue } from '../../core/query/facets.js';
import { compileFilter, type CompiledFilter } from '../../core/query/filter-compile.js';
import { KeyNames } from '../../core/query/key-names.js';
import type { PageRequest } from '../../core/query/page.js';
import { queryPage } from '../../core/query/query-events.js';
import { matchTimeRange, timeHistogram, type BucketSpec } from '../../core/query/time-histogram.js';
import { completeKeyNames, completeValues } from '../../core/query/value-completion.js';

/**
 * Everything the workbench reads, as calls into the core: commands use this and
 * never SQL. Tests can pass a stand-in; the app holds one per open index.
 */
export interface WorkbenchData {
  compile(text: string): CompiledFilter;
  page(filter: CompiledFilter, request: PageRequest): EventRow[];
  count(filter: CompiledFilter, cap: number): number;
  /** Counts one kind's values under filters (a job's time slices): what it reads once, such as key names, it keeps. */
  facetCounter(kind: EntityKind): (filter: CompiledFilter, limit: number) => FacetValue[];
  /** Counts a kind only entity rows carry in bounded steps (see ProbedFacet). */
  probedFacet(kind: EntityKind): ProbedFacet;
  detail(seq: number): EventDetail | null;
  timeRange(filter: CompiledFilter): { first: number; last: number } | null;
  histogram(filter: CompiledFilter, spec: BucketSpec): number[];
  complete(kind: EntityKind, typed: string, limit: number): string[];
  rejected(limit: number): RejectedRecord[];
  rejectedCount(): number;
  /** How many detection hits the index holds. */
  hitCount(): number;
  /** `limit` hits from position `offset`, most severe first, without their event lists (the hit:ID filter shows those). */
  hitsPage(offset: number, limit: number): DetectionHit[];
  /** The chain of one event (bounded: a few dozen members however large the index). */
  chain(seq: number): Chain | null;
  /** Findings: listed, marked, reordered and exported (each write on its own short read-write connection). */
  findings: FindingsData;
  totalEvents(): number;
  close(): void;
}

export function createWorkbenchData(db: IndexDb): WorkbenchData {
  const reader = new RawBlockReader(db);
  return {
    compile: (text) => compileFilter(db, text),
    page: (filter, request) => queryPage(db, filter, request),
    count: (filter, cap) => countMatches(db, filter, cap),
    facetCounter: (kind) => {
      const names = new KeyNames(db);
      return (filter, limit) => facetCounts(db, filter, kind, limit, names);
    },
    probedFacet: (kind) => new ProbedFacet(db, kind),
    detail: (seq) => loadEventDetail(db, seq, reader),
    timeRange: (filter) => matchTimeRange(db, filter),
    histogram: (filter, spec) => timeHistogram(db, filter, spec),
    complete: (kind, typed, limit) => (kind === 'key'
      ? [...completeKeyNames(db, typed, limit), ...completeValues(db, kind, typed, limit)].slice(0, limit)
      : completeValues(db, kind, typed, limit)),
    rejected: (limit) => listRejected(db, limit),
    rejectedCount: () => countRejected(db),
    hitCount: () => countHits(db),
    hitsPage: (offset, limit) => hitsPage(db, offset, limit),
    chain: (seq) => chainFor(db, seq),
    findings: createFindingsData(db.name),
    totalEvents: () => eventCount(db),
    close: () => db.close(),
  };
}
