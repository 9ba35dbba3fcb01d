import { asIndexDamage, IndexDamagedError } from '../core/index/damage.js';
import { openIndex, type IndexDb } from '../core/index/open.js';

/** An index to open, and the log folder it was built from when known (for the rebuild command). */
export interface IndexToOpen {
  path: string;
  logDirectory: string | null;
}

/** A file SQLite opens but that holds no keytrail tables (emptied, or another program's database). */
function assertHasTables(db: IndexDb, index: IndexToOpen): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  if (!hasMeta) throw new IndexDamagedError(index.path, index.logDirectory, 'it holds no keytrail tables: emptied, or not an index');
}

/**
 * Opens the index, runs `use` and closes it. A damaged file, found on opening or on
 * any query, becomes an IndexDamagedError naming the index and the rebuild command.
 */
export async function withIndex<T>(index: IndexToOpen, mode: { readonly: boolean }, use: (db: IndexDb) => T | Promise<T>): Promise<T> {
  let db: IndexDb | undefined;
  try {
    db = openIndex(index.path, mode);
    if (mode.readonly) assertHasTables(db, index);
    return await use(db);
  } catch (error) {
    throw asIndexDamage(error, index.path, index.logDirectory) ?? error;
  } finally {
    db?.close();
  }
}
