import type { Chain } from '../correlate/types.js';
import type { DetectionHit } from '../detect/types.js';
import type { IndexDb } from '../index/open.js';
import { parseEventTime } from '../normalize/time.js';
import { findEventSeq } from '../query/event-detail.js';
import { loadEventRows, type EventRow } from '../query/event-rows.js';
import { compileFilter } from '../query/filter-compile.js';
import { countMatches } from '../query/facets.js';
import { pageKeys } from '../query/page.js';
import type { EvidenceSources } from './sources.js';
import type { Finding } from './types.js';

/** How many of a filter's events a note lists; the reproduce command returns them all. */
export const FILTER_EVENTS_SHOWN = 50;

/** A finding with the events behind it, as the findings pane and the export show it. */
export interface FindingEvidence {
  finding: Finding;
  /** The events behind the finding, oldest first (a filter: its first FILTER_EVENTS_SHOWN). */
  rows: EventRow[];
  /** How many events are behind the finding (a filter: all its matches). */
  total: number;
  chain: Chain | null;
  hit: DetectionHit | null;
  /** Why the evidence is incomplete or missing (event no longer indexed, hit no longer fires...). */
  problem: string | null;
}

function byTime(a: EventRow, b: EventRow): number {
  return a.time - b.time || a.seq - b.seq;
}

function rowsOf(db: IndexDb, uids: readonly string[]): { rows: EventRow[]; missing: number } {
  const seqs = uids.map((uid) => findEventSeq(db, uid)).filter((seq): seq is number => seq !== null);
  const rows = loadEventRows(db, [...new Set(seqs)]).sort(byTime);
  return { rows, missing: uids.length - seqs.length };
}

function missingProblem(missing: number): string | null {
  return missing > 0 ? `${missing} event(s) are no longer in the index` : null;
}

function empty(finding: Finding, problem: string): FindingEvidence {
  return { finding, rows: [], total: 0, chain: null, hit: null, problem };
}

function eventEvidence(db: IndexDb, finding: Finding): FindingEvidence {
  const { rows } = rowsOf(db, [finding.reference]);
  if (rows.length === 0) return empty(finding, 'the event is no longer in the index');
  return { finding, rows, total: rows.length, chain: null, hit: null, problem: null };
}

function chainEvidence(db: IndexDb, finding: Finding, sources: EvidenceSources): FindingEvidence {
  if (!sources.chainFor) return empty(finding, 'chains are not available in this build');
  const chain = sources.chainFor(db, finding.reference);
  if (!chain) return empty(finding, 'the chain\'s first event is no longer in the index');
  const { rows, missing } = rowsOf(db, chain.events.map((member) => member.uid));
  return { finding, rows, total: rows.length, chain, hit: null, problem: missingProblem(missing) };
}

function hitEvidence(db: IndexDb, finding: Finding, sources: EvidenceSources): FindingEvidence {
  if (!sources.getHit) return empty(finding, 'detections are not available in this build');
  const hit = sources.getHit(db, finding.reference);
  if (!hit) return empty(finding, 'the detection no longer fires on this index');
  const { rows, missing } = rowsOf(db, hit.eventIDs);
  return { finding, rows, total: rows.length, chain: null, hit, problem: missingProblem(missing) };
}

function filterEvidence(db: IndexDb, finding: Finding): FindingEvidence {
  const filter = compileFilter(db, finding.reference);
  if (filter.errors.length > 0) return empty(finding, `the filter no longer parses: ${filter.errors[0]!.message}`);
  const keys = pageKeys(db, filter, { limit: FILTER_EVENTS_SHOWN, direction: 'newer' });
  const rows = loadEventRows(db, keys.map((key) => key.seq)).sort(byTime);
  return { finding, rows, total: countMatches(db, filter), chain: null, hit: null, problem: null };
}

/** Loads what a finding points at, now: the index may have grown or been rebuilt since it was marked. */
export function loadEvidence(db: IndexDb, finding: Finding, sources: EvidenceSources): FindingEvidence {
  switch (finding.kind) {
    case 'event': return eventEvidence(db, finding);
    case 'chain': return chainEvidence(db, finding, sources);
    case 'hit': return hitEvidence(db, finding, sources);
    case 'filter': return filterEvidence(db, finding);
  }
}

/** The earliest time behind the evidence, for placing a new finding in time order. */
export function evidenceStart(evidence: FindingEvidence): number | null {
  const first = evidence.rows[0]?.time;
  if (first !== undefined && first > 0) return first;
  return evidence.hit ? parseEventTime(evidence.hit.first) : null;
}
