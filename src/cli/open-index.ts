import { statSync } from 'node:fs';
import { asIndexDamage, IndexDamagedError } from '../core/index/damage.js';
import { openIndex, type IndexDb } from '../core/index/open.js';

/** An index to open, and the log folder it was built from when known (for the rebuild command). */
export interface IndexToOpen {
  path: string;
  logDirectory: string | null;
}

/** How to open: `creating` for the indexer, which may find the empty file a killed first run left. */
export interface OpenMode {
  readonly: boolean;
  creating?: boolean;
}

/** SQLite takes an empty file for a new database: for a command that expects an index, it is one that lost everything. */
function assertNotEmpty(index: IndexToOpen): void {
  if (statSync(index.path).size === 0) throw new IndexDamagedError(index.path, index.logDirectory, 'the file is empty');
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
export async function withIndex<T>(index: IndexToOpen, mode: OpenMode, use: (db: IndexDb) => T | Promise<T>): Promise<T> {
  let db: IndexDb | undefined;
  try {
    if (!mode.creating) assertNotEmpty(index);
    db = openIndex(index.path, { readonly: mode.readonly });
    if (mode.readonly) assertHasTables(db, index);
    return await use(db);
  } catch (error) {
    throw asIndexDamage(error, index.path, index.logDirectory) ?? error;
  } finally {
    db?.close();
  }
}
