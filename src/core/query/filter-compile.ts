import { hitEventSpan } from '../detect/hits-read.js';
import type { IndexDb } from '../index/open.js';
import { indexedTimeRange } from '../index/time-range.js';
import { formatTime } from '../normalize/time.js';
import { nearestName } from '../text/nearest-name.js';
import { parseFilter, type FilterError, type FilterTerm } from './filter-parse.js';
import { negatedBoundError, parseTimeBound } from './time-bound.js';
import { MATCH_COLUMNS } from './entity-columns.js';
import { EVENT_KINDS, type EventKind } from '../normalize/event-kind.js';
import type { EntityKind } from '../normalize/types.js';
import { seqsForId } from './event-detail.js';
import { requestLookup } from './request-ids.js';
import { resolveKeyValues } from './key-terms.js';
import { likePattern, resolveEntityValues, resolveTextValues, type ValueMatch } from './value-resolve.js';

/** Events must (or, negated, must not) carry one of these entity values. */
export interface EntityCondition {
  valueIds: number[];
  negate: boolean;
  /** Events carrying any of the values (an upper bound): picks the cheapest driver. */
  estimate: number;
  /** For kinds whose value is an events column: checked on the row by value text (one lookup, not a probe per value). */
  column?: { name: string; values: string[] };
}

export interface ColumnCondition {
  column: 'actor' | 'region' | 'source' | 'kind' | 'request_id';
  /** LIKE patterns, escaped with `\`. */
  patterns: string[];
  negate: boolean;
}

/** `id:` with wildcards: matched against uids. */
export interface IdCondition {
  patterns: string[];
  negate: boolean;
}

/** Events by seq: exact `id:` values (through the id index) and `hit:ID` (the events behind a hit). */
export interface SeqCondition {
  seqs: number[];
  negate: boolean;
}

/** A filter resolved against an index: value ids and bounds, all bound as parameters later. */
export interface CompiledFilter {
  text: string;
  entities: EntityCondition[];
  columns: ColumnCondition[];
  ids: IdCondition[];
  /** Optional so filters built by hand stay valid. */
  seqs?: SeqCondition[];
  since: number | null;
  until: number | null;
  /** A positive term matched no value at all: no event can match. */
  matchesNothing: boolean;
  errors: FilterError[];
  /** Why the filter can match nothing, with what to type instead: told when it answers no event. Optional as `seqs`. */
  notes?: FilterError[];
}

export interface CompileOptions {
  /** The clock for relative times (`since:2h`); tests pin it. */
  now?: number;
}

function addEntityTerm(db: IndexDb, filter: CompiledFilter, term: FilterTerm, match: ValueMatch, column?: () => EntityCondition['column']): void {
  if (match.error) {
    filter.errors.push({ message: match.error, start: term.start, end: term.end });
    return;
  }
  if (match.ids.length === 0 && !term.negate) {
    filter.matchesNothing = true;
    (filter.notes ??= []).push(unmatchedNote(db, term));
  }
  if (match.ids.length === 0) return;
  const condition: EntityCondition = { valueIds: match.ids, negate: term.negate, estimate: match.events };
  if (column) condition.column = column();
  filter.entities.push(condition);
}

/** Kinds with few values (event names, error codes, regions...) are searched for a near one: a typo is then named. */
const NEAR_VALUE_LIMIT = 2_000;

/** The indexed value of `kind` a mistyped one most likely meant (`Decrpyt` -> `Decrypt`), when the kind has few values. */
function nearValue(db: IndexDb, kind: EntityKind, typed: string): string | null {
  const values = db.prepare('SELECT value FROM entity_values WHERE kind = ? LIMIT ?').pluck().all(kind, NEAR_VALUE_LIMIT + 1) as string[];
  return values.length > NEAR_VALUE_LIMIT ? null : nearestName(typed, values, { prefix: false });
}

/** Why a positive term matches nothing, and what else to type. */
function unmatchedNote(db: IndexDb, term: FilterTerm): FilterError {
  const at = { start: term.start, end: term.end };
  const typed = term.values.join(',');
  const { name, target } = term.field;
  if (target.type === 'text') return { message: `no value of any kind contains "${typed}"`, ...at };
  if (target.type === 'key') return { message: `key:${typed} names no key, alias or key id in this index`, ...at };
  const whole = term.values.find((value) => !value.includes('*'));
  const near = whole === undefined || target.type !== 'entity' ? null : nearValue(db, target.kind, whole);
  const hint = near !== null ? `; did you mean ${name}:${near}?`
    : whole === undefined ? '' : `; values match whole (case aside): for a part, ${name}:*${whole}*`;
  return { message: `${name}:${typed} matches no ${name} in this index${hint}`, ...at };
}

/** The value texts, for kinds that are exactly an events column (ip:10.0.0.0/8, principal:*, event:Decrypt). */
function columnOf(db: IndexDb, kind: EntityKind, ids: number[]): (() => EntityCondition['column']) | undefined {
  const name = MATCH_COLUMNS[kind];
  if (!name) return undefined;
  return () => ({ name, values: db.prepare('SELECT value FROM entity_values WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as string[] });
}

/** A hit's events by seq; a positive term also bounds the time range to theirs, so pages scan only that span. */
function addHitTerm(db: IndexDb, filter: CompiledFilter, term: FilterTerm): void {
  const found = term.values.map((id) => ({ id, span: hitEventSpan(db, id) }));
  const missing = found.find((hit) => hit.span === null);
  if (missing) {
    filter.errors.push({ message: `hit: no detection hit "${missing.id}" in this index (see keytrail detect)`, start: term.start, end: term.end });
    return;
  }
  const spans = found.map((hit) => hit.span!).filter((span) => span.seqs.length > 0);
  (filter.seqs ??= []).push({ seqs: spans.flatMap((span) => span.seqs), negate: term.negate });
  if (term.negate) return;
  if (spans.length === 0) {
    filter.matchesNothing = true;
    return;
  }
  const first = Math.min(...spans.map((span) => span.first));
  const last = Math.max(...spans.map((span) => span.last));
  filter.since = Math.max(filter.since ?? first, first);
  filter.until = Math.min(filter.until ?? last + 1, last + 1);
}

function addTerm(db: IndexDb, filter: CompiledFilter, term: FilterTerm, now: number): void {
  const target = term.field.target;
  switch (target.type) {
    case 'entity': {
      const match = resolveEntityValues(db, target.kind, term.values);
      addEntityTerm(db, filter, term, match, columnOf(db, target.kind, match.ids));
      return;
    }
    case 'key':
      addEntityTerm(db, filter, term, resolveKeyValues(db, term.values));
      return;
    case 'text':
      addEntityTerm(db, filter, term, resolveTextValues(db, term.values));
      return;
    case 'column': {
      const unknown = target.column === 'kind' ? term.values.find((value) => !value.includes('*') && !EVENT_KINDS.includes(value.toLowerCase() as EventKind)) : undefined;
      if (unknown !== undefined) filter.errors.push({ message: `kind: "${unknown}" is not a record kind (${EVENT_KINDS.join(', ')})`, start: term.start, end: term.end });
      else filter.columns.push({ column: target.column, patterns: term.values.map(likePattern), negate: term.negate });
      return;
    }
    case 'hit':
      addHitTerm(db, filter, term);
      return;
    case 'id':
      addIdTerm(db, filter, term);
      return;
    case 'request':
      addRequestTerm(db, filter, term);
      return;
    case 'time': {
      if (term.negate) {
        filter.errors.push({ message: negatedBoundError(term.field.name, target.bound), start: term.start, end: term.end });
        return;
      }
      const bound = parseTimeBound(term.values[0] ?? '', target.bound, now);
      if ('error' in bound) filter.errors.push({ message: `${term.field.name}: ${bound.error}`, start: term.start, end: term.end });
      else if (target.bound === 'since') filter.since = Math.max(filter.since ?? bound.time, bound.time);
      else filter.until = Math.min(filter.until ?? bound.time, bound.time);
    }
  }
}

function addIdTerm(db: IndexDb, filter: CompiledFilter, term: FilterTerm): void {
  const patterns = term.values.filter((value) => value.includes('*')).map(likePattern);
  const exact = term.values.filter((value) => !value.includes('*'));
  if (patterns.length > 0 && exact.length > 0) {
    filter.errors.push({ message: 'id: mix exact ids and wildcards in separate terms', start: term.start, end: term.end });
    return;
  }
  if (patterns.length > 0) {
    filter.ids.push({ patterns, negate: term.negate });
    return;
  }
  const seqs = [...new Set(exact.flatMap((id) => seqsForId(db, id)))];
  if (seqs.length === 0 && !term.negate) filter.matchesNothing = true;
  (filter.seqs ??= []).push({ seqs, negate: term.negate });
}

/**
 * Exact request ids are looked up through their index (a handful of events each); with
 * any wildcard in the list, every value is matched on the row, within the other terms.
 */
function addRequestTerm(db: IndexDb, filter: CompiledFilter, term: FilterTerm): void {
  if (term.values.some((value) => value.includes('*'))) {
    filter.columns.push({ column: 'request_id', patterns: term.values.map(likePattern), negate: term.negate });
    return;
  }
  const lookup = requestLookup(db);
  const seqs = [...new Set(term.values.flatMap((value) => lookup(value).map((cursor) => cursor.seq)))];
  if (seqs.length === 0 && !term.negate) filter.matchesNothing = true;
  (filter.seqs ??= []).push({ seqs, negate: term.negate });
}

/** Parses and resolves a filter. Errors are returned, never thrown: the caller shows them in place. */
export function compileFilter(db: IndexDb, text: string, options: CompileOptions = {}): CompiledFilter {
  const parsed = parseFilter(text);
  const filter: CompiledFilter = {
    text, entities: [], columns: [], ids: [], seqs: [], since: null, until: null, matchesNothing: false, errors: [...parsed.errors],
  };
  const now = options.now ?? Date.now();
  for (const term of parsed.terms) addTerm(db, filter, term, now);
  if (filter.since !== null && filter.until !== null && filter.since >= filter.until) {
    filter.matchesNothing = true;
    (filter.notes ??= []).push({ message: 'the since: bound is at or after the until: bound, so no time is left between them', start: 0, end: text.length });
  } else if (filter.since !== null || filter.until !== null) {
    noteTimeOutsideIndex(db, filter);
  }
  return filter;
}

/**
 * `since:2h` on logs from two weeks ago answers nothing: say where the index's events lie, so an
 * empty answer is not read as a quiet two hours.
 */
function noteTimeOutsideIndex(db: IndexDb, filter: CompiledFilter): void {
  const { first, last } = indexedTimeRange(db);
  if (first === null || last === null) return;
  // Events without a time (stored at 0) are before every until: bound (a hit of such events bounds itself
  // at 1), and after no since: bound.
  const untimedMatch = () => (filter.since ?? 0) <= 0 && db.prepare('SELECT 1 FROM event_rows WHERE time <= 0 LIMIT 1').get() !== undefined;
  const second = (time: number) => `${new Date(time).toISOString().slice(0, 19)}Z`;
  const note = filter.since !== null && filter.since > last
    ? `no event since ${second(filter.since)}: the newest indexed event is at ${formatTime(last)} (the oldest at ${formatTime(first)})`
    : filter.until !== null && filter.until <= first && !untimedMatch()
      ? `no event before ${second(filter.until)}: the oldest indexed event is at ${formatTime(first)} (the newest at ${formatTime(last)})` : null;
  if (!note) return;
  filter.matchesNothing = true;
  (filter.notes ??= []).push({ message: note, start: 0, end: filter.text.length });
}

/** Throws with every error and its position: for headless commands that cannot mark the text. */
export function compileFilterOrThrow(db: IndexDb, text: string, options: CompileOptions = {}): CompiledFilter {
  const filter = compileFilter(db, text, options);
  if (filter.errors.length > 0) throw new FilterSyntaxError(text, filter.errors);
  return filter;
}

export class FilterSyntaxError extends Error {
  constructor(readonly text: string, readonly errors: FilterError[]) {
    super(errors.map((error) => `${error.message}\n  ${text}\n  ${' '.repeat(error.start)}${'^'.repeat(Math.max(1, error.end - error.start))}`).join('\n'));
  }
}
