import type { IndexDb } from '../index/open.js';

/** Texts a read-only connection keeps: past it, it starts over (a trail's principals can run to millions). */
const MAX_KEPT = 200_000;

const lookups = new WeakMap<IndexDb, TextLookup>();

/**
 * The texts of event rows by id. A read-only connection keeps them across calls: a committed id
 * names the same text for good (the writer adds texts and never rewrites or removes one). A writing
 * connection gets a fresh lookup per call: it sees its own uncommitted texts, whose ids a rollback
 * frees for other texts. Rows read by id and named from here cost half of rows read through the
 * `events` view, which looks up each of their sixteen texts in SQL.
 */
export class TextLookup {
  private readonly texts = new Map<number, string>();
  private readonly select;

  constructor(db: IndexDb, private readonly maxKept = MAX_KEPT) {
    this.select = db.prepare('SELECT id, text FROM texts WHERE id IN (SELECT value FROM json_each(?))').raw();
  }

  static of(db: IndexDb): TextLookup {
    if (!db.readonly) return new TextLookup(db);
    let lookup = lookups.get(db);
    if (!lookup) lookups.set(db, lookup = new TextLookup(db));
    return lookup;
  }

  /** Reads, in one statement, the texts of the ids it does not hold yet; after it, `text` knows every id given. */
  load(ids: Iterable<number | null>): void {
    const wanted = new Set<number>();
    for (const id of ids) if (id !== null) wanted.add(id);
    let missing = [...wanted].filter((id) => !this.texts.has(id));
    if (missing.length === 0) return;
    if (this.texts.size + missing.length > this.maxKept) {
      this.texts.clear();
      missing = [...wanted];
    }
    for (const [id, text] of this.select.all(JSON.stringify(missing)) as Array<[number, string]>) this.texts.set(id, text);
  }

  /** The text of a loaded id (null for a null id). */
  text(id: number | null): string | null {
    return id === null ? null : this.texts.get(id) ?? null;
  }
}
