import type { IndexDb } from '../index/open.js';

/** Texts one connection keeps: past it, it starts over (a trail's principals can run to millions). */
const MAX_KEPT = 200_000;

const lookups = new WeakMap<IndexDb, TextLookup>();

/**
 * The texts of event rows by id, kept across calls on one connection. A committed id names the
 * same text for good (the writer adds texts and never rewrites or removes one; an id it handed out
 * in a rolled-back transaction was never visible here), so what was read once stays true. Rows read
 * by id and named from here cost half of rows read through the `events` view, which looks up each
 * of their sixteen texts in SQL.
 */
export class TextLookup {
  private readonly texts = new Map<number, string>();
  private readonly select;

  private constructor(db: IndexDb) {
    this.select = db.prepare('SELECT id, text FROM texts WHERE id IN (SELECT value FROM json_each(?))').raw();
  }

  static of(db: IndexDb): TextLookup {
    let lookup = lookups.get(db);
    if (!lookup) lookups.set(db, lookup = new TextLookup(db));
    return lookup;
  }

  /** Reads, in one statement, the texts of the ids it does not hold yet. */
  load(ids: Iterable<number | null>): void {
    const missing = new Set<number>();
    for (const id of ids) if (id !== null && !this.texts.has(id)) missing.add(id);
    if (missing.size === 0) return;
    if (this.texts.size + missing.size > MAX_KEPT) this.texts.clear();
    for (const [id, text] of this.select.all(JSON.stringify([...missing])) as Array<[number, string]>) this.texts.set(id, text);
  }

  /** The text of a loaded id (null for a null id). */
  text(id: number | null): string | null {
    return id === null ? null : this.texts.get(id) ?? null;
  }
}
