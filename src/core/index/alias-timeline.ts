import type { IndexDb } from './open.js';
import { cachedStatement } from './statement-cache.js';

/**
 * Where one alias pointed over time, from what the logs show. A key is `string`, "no key"
 * (the alias did not exist) is null, "not shown" is undefined.
 */
export interface AliasPoint {
  time: number;
  /** What the alias named just before this point, and from it on. */
  before: string | null | undefined;
  after: string | null | undefined;
}

export interface AliasChangeRow {
  time: number;
  seq: number;
  change: string;
  /** '' when the event did not say. */
  key: string;
}

export interface AliasSeenRow {
  key: string;
  first: number;
  last: number;
}

function changePoint(row: AliasChangeRow): AliasPoint {
  const key = row.key === '' ? undefined : row.key;
  switch (row.change) {
    // CreateAlias succeeds only for a name that does not exist: before it, the alias named no key
    // (a call by it then was refused, and was no use of the key it was later created for).
    case 'create': return { time: row.time, before: null, after: key };
    case 'delete': return { time: row.time, before: key, after: null };
    default: return { time: row.time, before: undefined, after: key };
  }
}

/**
 * The alias's history as points in time order: each change, and the first and last time
 * an event showed it naming a key (between two sightings of one key it named that key,
 * unless a change in between says otherwise: a change point then lies between them).
 */
export function aliasPoints(changes: AliasChangeRow[], seen: AliasSeenRow[]): AliasPoint[] {
  const sightings = seen.flatMap((span) => [span.first, span.last].map((time) => ({ time, before: span.key, after: span.key })));
  const moves = [...changes].sort((a, b) => a.time - b.time || a.seq - b.seq).map(changePoint);
  // Stable sort: at one instant, sightings come before the changes (a change ends what was seen).
  return [...sightings, ...moves].sort((a, b) => a.time - b.time);
}

/** The key the alias named at `time`: the last point at or before it, else what the first point says came before. */
export function keyAt(points: AliasPoint[], time: number): string | null {
  let last: AliasPoint | undefined;
  for (const point of points) {
    if (point.time > time) break;
    last = point;
  }
  const key = last ? last.after : points[0]?.before;
  return key ?? null;
}

/** The alias's history as the index holds it (alias_changes, alias_seen): its points, for keyAt. */
export function loadAliasPoints(db: IndexDb, alias: string): AliasPoint[] {
  const changes = cachedStatement(db, 'SELECT time, seq, change, key FROM alias_changes WHERE alias = ?').all(alias) as AliasChangeRow[];
  const seen = cachedStatement(db, 'SELECT key, first, last FROM alias_seen WHERE alias = ?').all(alias) as AliasSeenRow[];
  return aliasPoints(changes, seen);
}
