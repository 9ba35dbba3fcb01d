import type { DetectionHit } from '../detect/types.js';
import type { IndexDb } from '../index/open.js';
import { formatTime } from '../normalize/time.js';
import type { EventRow } from '../query/event-rows.js';
import { compileFilter } from '../query/filter-compile.js';
import { iterateEvents } from '../query/query-events.js';
import { sanitizeForTerminal } from '../text/sanitize.js';
import type { FindingEvidence } from './evidence.js';

/** The filter that shows a finding's events, and whether running it was checked to return exactly them. */
export interface Reproduction {
  filter: string;
  exact: boolean;
}

/**
 * A log value (uid, request id) as a filter value. A character the filter language
 * or a shell would read (blank, quote, comma, `*`, control) becomes the `*`
 * wildcard, and the result is checked by running it.
 */
function filterValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._:/+=@~-]+/g, '*');
}

function valueList(values: readonly string[]): string {
  return [...new Set(values.map(filterValue))].join(',');
}

/**
 * Ids for one `id:` term: exact ids and wildcards cannot share a term, so when one id
 * needs a wildcard every id becomes a prefix pattern; the exclusions then drop the extras.
 */
function idList(uids: readonly string[]): string {
  const values = [...new Set(uids.map(filterValue))];
  if (!values.some((value) => value.includes('*'))) return values.join(',');
  return values.map((value) => (value.includes('*') ? value : `${value}*`)).join(',');
}

/** `since:` and `until:` terms spanning the events, or null when one has no usable time. */
function timeWindow(rows: readonly EventRow[]): [string, string] | null {
  const times = rows.map((row) => row.time);
  if (times.length === 0 || !times.every((time) => time > 0)) return null;
  // reduce, not Math.min(...times): a hit may hold more events than a call takes arguments.
  const first = times.reduce((a, b) => Math.min(a, b));
  const last = times.reduce((a, b) => Math.max(a, b));
  return [`since:${formatTime(first)}`, `until:${formatTime(last)}`];
}

/**
 * Exact ids are looked up by index: `id:` alone. Id patterns are matched against every
 * event in range, so they come with the events' time window and, for several events,
 * their request ids (an entity index range) to keep that range small.
 */
function eventsFilter(rows: readonly EventRow[], excluded: readonly string[]): string {
  const ids = idList(rows.map((row) => row.uid));
  const terms: string[] = [];
  const window = timeWindow(rows);
  if (ids.includes('*') && window) terms.push(...window);
  const requests = rows.map((row) => row.requestID);
  if (ids.includes('*') && rows.length > 1 && requests.every((request): request is string => Boolean(request))) {
    terms.push(`request:${valueList(requests)}`);
  }
  terms.push(`id:${ids}`);
  if (excluded.length > 0) terms.push(`-id:${idList(excluded)}`);
  return terms.join(' ');
}

/** Uids the filter returns beyond `wanted` (at most a few more than asked), or null when it misses one. */
function extrasOf(db: IndexDb, filterText: string, wanted: ReadonlySet<string>): string[] | null {
  const filter = compileFilter(db, filterText);
  if (filter.errors.length > 0) return null;
  const found = new Set<string>();
  const extras: string[] = [];
  for (const row of iterateEvents(db, filter, wanted.size + 100)) {
    if (wanted.has(row.uid)) found.add(row.uid);
    else extras.push(row.uid);
  }
  return found.size === wanted.size ? extras : null;
}

/** A filter naming exactly these events, excluding look-alike ids when the first try catches more. */
export function reproduceEvents(db: IndexDb, rows: readonly EventRow[]): Reproduction {
  if (rows.length === 0) return { filter: '', exact: false };
  const wanted = new Set(rows.map((row) => row.uid));
  const first = eventsFilter(rows, []);
  const extras = extrasOf(db, first, wanted);
  if (extras === null) return { filter: first, exact: false };
  if (extras.length === 0) return { filter: first, exact: true };
  const second = eventsFilter(rows, extras);
  return { filter: second, exact: extrasOf(db, second, wanted)?.length === 0 };
}

/** The filter text only loses what a shell line must not carry: characters unsafe on a terminal become `*`. */
function printableFilter(text: string): string {
  return [...text].map((ch) => (sanitizeForTerminal(ch) === ch ? ch : '*')).join('');
}

/** A hit reads best as `hit:ID`, when that still returns exactly its events; else by their ids. */
function reproduceHit(db: IndexDb, evidence: FindingEvidence): Reproduction {
  const filter = `hit:${filterValue(evidence.finding.reference)}`;
  const wanted = new Set(evidence.rows.map((row) => row.uid));
  if (wanted.size > 0 && extrasOf(db, filter, wanted)?.length === 0) return { filter, exact: true };
  return reproduceEvents(db, evidence.rows);
}

/** The hit's own terms (who, which key, from where) in the window of its events; null when it names none. */
function hitTerms(hit: DetectionHit, rows: readonly EventRow[], withEventNames: boolean): string | null {
  const terms: string[] = [];
  if (hit.principal) terms.push(`principal:${filterValue(hit.principal)}`);
  if (hit.key) terms.push(`key:${filterValue(hit.key)}`);
  if (hit.ip) terms.push(`ip:${filterValue(hit.ip)}`);
  const window = timeWindow(rows);
  if (terms.length === 0 || !window) return null;
  const names = rows.map((row) => row.eventName);
  if (withEventNames && names.every((name): name is string => Boolean(name))) terms.push(`event:${valueList(names)}`);
  return [...terms, ...window].join(' ');
}

/**
 * A hit on another machine's index: by its own terms when they return exactly its
 * events (a new-IP hit of 300 calls is one line, not 300 ids), else by its events.
 */
function reproducePortableHit(db: IndexDb, evidence: FindingEvidence): Reproduction {
  const { hit, rows } = evidence;
  const wanted = new Set(rows.map((row) => row.uid));
  for (const withEventNames of [false, true]) {
    const filter = hit && wanted.size > 1 ? hitTerms(hit, rows, withEventNames) : null;
    if (filter !== null && extrasOf(db, filter, wanted)?.length === 0) return { filter, exact: true };
  }
  return reproduceEvents(db, rows);
}

/**
 * The filter that shows what a finding shows: its own text for a filter, else its
 * events. `portable` names a hit by its terms or its events, not `hit:ID`: the filter then runs on
 * any index of the same logs (another machine's), with no detection run or config needed first.
 */
export function reproduceFinding(db: IndexDb, evidence: FindingEvidence, options: { portable?: boolean } = {}): Reproduction {
  if (evidence.finding.kind === 'hit') return options.portable ? reproducePortableHit(db, evidence) : reproduceHit(db, evidence);
  if (evidence.finding.kind !== 'filter') return reproduceEvents(db, evidence.rows);
  const filter = printableFilter(evidence.finding.reference);
  return { filter, exact: filter === evidence.finding.reference && evidence.problem === null };
}
