import type { IndexDb } from '../core/index/open.js';
import { chainFor } from '../core/correlate/chain.js';
import type { EntityKind } from '../core/normalize/types.js';
import { FACET_LIMIT } from '../app/refresh.js';
import { FACET_KINDS } from '../app/store.js';
import { loadEventRows } from '../core/query/event-rows.js';
import { facetCounts } from '../core/query/facets.js';
import { compileFilterOrThrow } from '../core/query/filter-compile.js';
import { pageKeys } from '../core/query/page.js';
import type { BenchFilter } from './bench-filters.js';
import { median, sampleInterleaved, summarize, type LatencySummary } from './stats.js';


export interface FacetLatency {
  label: string;
  filter: string;
  kind: EntityKind;
  latency: LatencySummary;
}

/** A case slower than this in total stops early (with at least a few samples). */
const CASE_BUDGET_MS = 5_000;

/** One whole facet count (the facets pane's kinds and length) per (filter, kind) per round, rounds interleaved like the page timings. */
export function measureFacets(db: IndexDb, filters: readonly BenchFilter[], rounds: number): { cases: FacetLatency[]; overall: LatencySummary } {
  const cases = filters.flatMap((filter) => {
    const compiled = compileFilterOrThrow(db, filter.text);
    return FACET_KINDS.map((kind) => ({ filter, kind, compiled }));
  });
  const times = sampleInterleaved(cases, rounds, CASE_BUDGET_MS, (item) => facetCounts(db, item.compiled, item.kind, FACET_LIMIT));
  return {
    cases: cases.map((item, index) => ({ label: item.filter.label, filter: item.filter.text, kind: item.kind, latency: summarize(times[index]!) })),
    overall: summarize(times.flat()),
  };
}

/** Events a responder would ask the chain of: an instance's calls, grants, launches and key use. */
const CHAIN_ORIGINS = ['event:CreateGrant', 'event:RunInstances', 'event:GenerateDataKeyWithoutPlaintext', 'event:Decrypt', 'event:AssumeRole'];

function chainOrigins(db: IndexDb, instanceFilter: string, perFilter: number): number[] {
  const seqs: number[] = [];
  for (const text of [instanceFilter, ...CHAIN_ORIGINS]) {
    const keys = pageKeys(db, compileFilterOrThrow(db, text), { direction: 'older', limit: perFilter * 20 });
    // Spread over the list rather than the newest few, which share their chains.
    for (let index = 0; index < keys.length; index += 20) seqs.push(keys[index]!.seq);
  }
  return seqs;
}

export interface ChainLatency {
  origins: number;
  latency: LatencySummary;
  medianEvents: number;
  maxEvents: number;
  /** The slowest origins (median time each), for whoever tunes chainFor. */
  slowest: Array<{ uid: string; eventName: string | null; events: number; medianMs: number }>;
}

/** chainFor (default bounds) from origins spread over several kinds of events, each asked `rounds` times. */
export function measureChains(db: IndexDb, instanceFilter: string, rounds: number): ChainLatency {
  const origins = chainOrigins(db, instanceFilter, 4).map((seq) => ({ seq, events: 0 }));
  const times = sampleInterleaved(origins, rounds, CASE_BUDGET_MS, (origin) => {
    origin.events = chainFor(db, origin.seq)?.events.length ?? 0;
  });
  const sizes = origins.map((origin) => origin.events);
  const rows = new Map(loadEventRows(db, origins.map((origin) => origin.seq)).map((row) => [row.seq, row]));
  const slowest = origins
    .map((origin, index) => {
      const row = rows.get(origin.seq);
      return { uid: row?.uid ?? String(origin.seq), eventName: row?.eventName ?? null, events: origin.events, medianMs: Math.round(median(times[index]!) * 100) / 100 };
    })
    .sort((a, b) => b.medianMs - a.medianMs)
    .slice(0, 3);
  const maxEvents = sizes.length > 0 ? Math.max(...sizes) : 0;
  return { origins: origins.length, latency: summarize(times.flat()), medianEvents: median(sizes), maxEvents, slowest };
}
