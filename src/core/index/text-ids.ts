import type { IndexDb } from './open.js';

/** Texts cached; past this the cache starts again (principals and addresses run to tens of thousands). */
const CACHE_LIMIT = 200_000;

/**
 * The ids of the repeated texts of events columns (`texts`). A new text is inserted at once, in
 * the open savepoint, so the row naming it is readable through the `events` view before the
 * transaction ends; a rollback takes the row back, so the cache is emptied with it (`forget`).
 */
export class TextIds {
  private readonly ids = new Map<string, number>();
  private readonly statements;

  constructor(db: IndexDb, private readonly cacheLimit = CACHE_LIMIT) {
    this.statements = {
      find: db.prepare('SELECT id FROM texts WHERE text = ?').pluck(),
      insert: db.prepare('INSERT INTO texts (text) VALUES (?) ON CONFLICT DO NOTHING RETURNING id').pluck(),
    };
  }

  idOf(text: string): number;
  idOf(text: string | null): number | null;
  idOf(text: string | null): number | null {
    if (text === null) return null;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = (this.statements.insert.get(text) as number | undefined) ?? (this.statements.find.get(text) as number);
      if (this.ids.size >= this.cacheLimit) this.ids.clear();
      this.ids.set(text, id);
    }
    return id;
  }

  /** After a rollback the cache may name rows that were never committed. */
  forget(): void {
    this.ids.clear();
  }
}
