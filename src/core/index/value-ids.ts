import type { IndexDb } from './open.js';

/** Values cached per kind; past this a kind's cache starts again (instances and contexts run to tens of thousands). */
const CACHE_LIMIT = 200_000;
/** New value rows per INSERT statement. */
const VALUE_RUN = 64;

/** What the open transaction held when a file's savepoint began. */
export type ValuesMark = number;

/**
 * The ids of entity values, cached per kind (an entity costs one map lookup), and their event
 * counts. New values get their ids here and are inserted at the transaction's flush, sorted, a
 * run of rows per statement: an INSERT per new value cost 13 µs, most of a cold ingest's value
 * work. While a kind's cache holds every value the index has (a first scan), a value missing from
 * it is new without asking the index.
 */
export class ValueIds {
  private readonly byKind = new Map<string, Map<string, number>>();
  /** Kinds whose cache may lack values the index has: a miss is looked up. */
  private readonly incomplete = new Set<string>();
  /** Every kind is incomplete (the index had values when this began, or a cache was emptied since). */
  private allIncomplete: boolean;
  /** New values of the open transaction, not yet inserted: kind, value, id, ... in the order met. */
  private pending: Array<string | number> = [];
  /** The same by kind and value: found there whatever the cache forgot (no table has them yet). */
  private readonly pendingIds = new Map<string, Map<string, number>>();
  private nextId: number | null = null;
  private readonly statements;

  constructor(db: IndexDb, private readonly cacheLimit = CACHE_LIMIT) {
    this.statements = {
      find: db.prepare('SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck(),
      lastId: db.prepare('SELECT coalesce(max(id), 0) FROM entity_values').pluck(),
      insertOne: db.prepare('INSERT INTO entity_values (id, kind, value, events) VALUES (?, ?, ?, 0)'),
      insertRun: db.prepare(`INSERT INTO entity_values (id, kind, value, events) VALUES ${Array(VALUE_RUN).fill('(?, ?, ?, 0)').join(', ')}`),
      addCounts: db.prepare(`UPDATE entity_values SET events = events + counted.n
        FROM (SELECT value ->> 0 AS id, value ->> 1 AS n FROM json_each(?)) AS counted WHERE entity_values.id = counted.id`),
    };
    this.allIncomplete = db.prepare('SELECT EXISTS (SELECT 1 FROM entity_values)').pluck().get() === 1;
  }

  idOf(kind: string, value: string): number {
    const values = mapOf(this.byKind, kind);
    let id = values.get(value) ?? this.pendingIds.get(kind)?.get(value);
    if (id !== undefined) return id;
    if (this.allIncomplete || this.incomplete.has(kind)) id = this.statements.find.get(kind, value) as number | undefined;
    if (id === undefined) {
      this.nextId ??= (this.statements.lastId.get() as number) + 1;
      id = this.nextId++;
      this.pending.push(kind, value, id);
      mapOf(this.pendingIds, kind).set(value, id);
    }
    if (values.size >= this.cacheLimit) {
      values.clear();
      this.incomplete.add(kind);
    }
    values.set(value, id);
    return id;
  }

  /** Inserts the transaction's new values and moves each value's event count by its amount. */
  flush(counts: ReadonlyMap<number, number>): void {
    this.insertPending();
    const moved = [...counts].filter(([, count]) => count !== 0);
    if (moved.length > 0) this.statements.addCounts.run(JSON.stringify(moved));
  }

  holdsAny(): boolean {
    return this.pending.length > 0;
  }

  mark(): ValuesMark {
    return this.pending.length;
  }

  /**
   * After ROLLBACK TO the savepoint of `mark`: the values new since are forgotten. Nothing else the
   * cache holds was rolled back: new values reach the table only at `flush`, and a flush since the
   * mark makes the caller roll back the whole transaction instead (then `reset`).
   */
  restore(mark: ValuesMark): void {
    for (let i = mark; i < this.pending.length; i += 3) {
      const kind = this.pending[i] as string;
      const value = this.pending[i + 1] as string;
      this.pendingIds.get(kind)?.delete(value);
      this.byKind.get(kind)?.delete(value);
    }
    this.pending.length = mark;
  }

  /** After a rollback the cache may name rows that were never committed. */
  reset(): void {
    this.pending = [];
    this.pendingIds.clear();
    this.nextId = null;
    this.byKind.clear();
    this.allIncomplete = true;
  }

  /** Sorted by (kind, value): each run lands together in the unique index's pages. */
  private insertPending(): void {
    const rows = this.pending;
    const order = Array.from({ length: rows.length / 3 }, (_, i) => i * 3);
    order.sort((a, b) => compare(rows[a] as string, rows[b] as string) || compare(rows[a + 1] as string, rows[b + 1] as string));
    const run: Array<string | number> = [];
    for (const i of order) {
      run.push(rows[i + 2]!, rows[i]!, rows[i + 1]!);
      if (run.length === VALUE_RUN * 3) {
        this.statements.insertRun.run(run);
        run.length = 0;
      }
    }
    for (let i = 0; i < run.length; i += 3) this.statements.insertOne.run(run[i], run[i + 1], run[i + 2]);
    this.pending = [];
    this.pendingIds.clear();
    this.nextId = null;
  }
}

function mapOf(maps: Map<string, Map<string, number>>, kind: string): Map<string, number> {
  let values = maps.get(kind);
  if (!values) maps.set(kind, values = new Map());
  return values;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
