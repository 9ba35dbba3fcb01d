import type { IndexDb } from '../index/open.js';
import type { EntityKind } from '../normalize/types.js';
import { loadEventRows } from '../query/event-rows.js';
import type { EventRow } from '../query/event-rows.js';
import type { CompiledFilter } from '../query/filter-compile.js';
import { iterateEvents } from '../query/query-events.js';
import { exactValues, resolveEntityValues } from '../query/value-resolve.js';

/** Calls that make or take back one change are few; past this many the lookup stops. */
const LOOKUP_CAP = 10_000;

/** Successful calls of these names (and by these principals, when given) between two times, newest first. */
function namedCalls(db: IndexDb, names: readonly string[], since: number | null, until: number | null, principals?: readonly string[]): EventRow[] {
  const match = resolveEntityValues(db, 'event', [...names]);
  const callers = principals ? exactValues(db, 'principal', principals) : null;
  if (match.ids.length === 0 || (principals && !callers)) return [];
  const filter: CompiledFilter = {
    text: '', entities: [{ valueIds: match.ids, negate: false, estimate: match.events }, ...(callers ? [callers] : [])], columns: [], ids: [],
    since, until, matchesNothing: false, errors: [],
  };
  return [...iterateEvents(db, filter, LOOKUP_CAP)].filter((row) => !row.errorCode && names.includes(row.eventName ?? '')
    && (!principals || principals.includes(row.principal ?? '')));
}

/** Successful calls of these names by these principals from `since` to the end of the index, oldest first. */
export function callsBy(db: IndexDb, principals: readonly string[], names: readonly string[], since: number): EventRow[] {
  return namedCalls(db, names, since, null, principals).reverse();
}

export const isAfter = (row: EventRow, event: EventRow) => row.time > event.time || (row.time === event.time && row.seq > event.seq);

/** Successful calls of these names anywhere in the index after `event`, oldest first: what would have undone it. */
export function callsAfter(db: IndexDb, names: readonly string[], event: EventRow): EventRow[] {
  return namedCalls(db, names, event.time, null).filter((row) => isAfter(row, event)).reverse();
}

/** The last successful call of these names before `event` that `accept` takes, or null. */
export function callBefore(db: IndexDb, names: readonly string[], event: EventRow, accept: (row: EventRow) => boolean): EventRow | null {
  return namedCalls(db, names, null, event.time).find((row) => isAfter(event, row) && accept(row)) ?? null;
}

/** Seqs of the events carrying this exact entity value (never a pattern: log values may hold `*`), of these call names when given. */
function valueSeqs(db: IndexDb, kind: EntityKind, value: string, options: { order: 'ASC' | 'DESC'; limit: number; names?: readonly string[] }): number[] {
  const { order, limit, names } = options;
  return db.prepare(`SELECT d.seq FROM entities d JOIN entity_values v ON v.id = d.value_id JOIN events e ON e.seq = d.seq
    WHERE v.kind = ? AND v.value = ? AND (? IS NULL OR e.name IN (SELECT value FROM json_each(?)))
    ORDER BY d.time ${order}, d.seq ${order} LIMIT ?`).pluck().all(kind, value, names ? 1 : null, JSON.stringify(names ?? []), limit) as number[];
}

/**
 * The calls of these names carrying this exact entity value, oldest first, at most LOOKUP_CAP:
 * the grant's RetireGrant among every call that used it, however many those are.
 */
export function callsWithValue(db: IndexDb, kind: EntityKind, value: string, names: readonly string[]): EventRow[] {
  return loadEventRows(db, valueSeqs(db, kind, value, { order: 'ASC', limit: LOOKUP_CAP, names }));
}

/** The newest event carrying this exact entity value, however many there are. */
export function lastEventWithValue(db: IndexDb, kind: EntityKind, value: string): EventRow | null {
  return loadEventRows(db, valueSeqs(db, kind, value, { order: 'DESC', limit: 1 }))[0] ?? null;
}
