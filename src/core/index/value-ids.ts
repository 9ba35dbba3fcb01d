import type { IndexDb } from './open.js';

/** Values cached per kind; past this a kind's cache starts again (instances and contexts run to tens of thousands). */
const CACHE_LIMIT = 200_000;

/**
 * The ids of entity values, cached per kind (an entity costs one map lookup), and their event
 * counts, written by one statement per transaction: a statement per value touched cost a
 * tenth of a cold ingest.
 */
export class ValueIds {
  private readonly byKind = new Map<string, Map<string, number>>();
  private readonly statements;

  constructor(db: IndexDb) {
    this.statements = {
      find: db.prepare('SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck(),
      insert: db.prepare('INSERT INTO entity_values (kind, value, events) VALUES (?, ?, 0) ON CONFLICT DO NOTHING RETURNING id').pluck(),
      addCounts: db.prepare(`UPDATE entity_values SET events = events + counted.n
        FROM (SELECT value ->> 0 AS id, value ->> 1 AS n FROM json_each(?)) AS counted WHERE entity_values.id = counted.id`),
    };
  }

  idOf(kind: string, value: string): number {
    let values = this.byKind.get(kind);
    if (!values) this.byKind.set(kind, values = new Map());
    let id = values.get(value);
    if (id === undefined) {
      // Insert first: most values missing from the cache are new; a conflict falls back to the lookup.
      id = (this.statements.insert.get(kind, value) as number | undefined) ?? (this.statements.find.get(kind, value) as number);
      if (values.size >= CACHE_LIMIT) values.clear();
      values.set(value, id);
    }
    return id;
  }

  /** Moves each value's event count by its amount. */
  addCounts(counts: ReadonlyMap<number, number>): void {
    const moved = [...counts].filter(([, count]) => count !== 0);
    if (moved.length > 0) this.statements.addCounts.run(JSON.stringify(moved));
  }

  /** After a rollback the cache may name rows that were never committed. */
  reset(): void {
    this.byKind.clear();
  }
}
