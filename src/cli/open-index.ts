import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { asIndexDamage, IndexDamagedError } from '../core/index/damage.js';
import { openIndex, type IndexDb } from '../core/index/open.js';
import { acquireWriterLock, IndexBusyError, type WriterLock } from '../indexer/writer-lock.js';

/** An index to open, and the log folder it was built from when known (for the rebuild command). */
export interface IndexToOpen {
  path: string;
  logDirectory: string | null;
  /** `keytrail index` only: an index of an older schema is rebuilt from the logs, and this is told so. */
  onRebuild?: (message: string) => void;
}

/**
 * read: read-only. write: takes the writer lock, as the indexer does (detections and
 * findings must not interleave with a workbench's or `watch`'s writes). create: for
 * `keytrail index`, which holds the lock itself and may find the empty file a killed
 * first run left.
 */
export type IndexAccess = 'read' | 'write' | 'create';

/** A writer that is done soon (another command) is waited for; a workbench or `watch` holds the lock until it stops. */
const LOCK_WAIT_MS = 2000;
const LOCK_RETRY_MS = 200;

async function lockForWriting(path: string): Promise<WriterLock> {
  for (let waited = 0; ; waited += LOCK_RETRY_MS) {
    try {
      return acquireWriterLock(path);
    } catch (error) {
      if (!(error instanceof IndexBusyError)) throw error;
      if (waited >= LOCK_WAIT_MS) {
        throw new IndexBusyError(`${error.message}: a workbench or \`keytrail watch\` on the same folder; try again once it has stopped`);
      }
      await sleep(LOCK_RETRY_MS);
    }
  }
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
export async function withIndex<T>(index: IndexToOpen, access: IndexAccess, use: (db: IndexDb) => T | Promise<T>): Promise<T> {
  const lock = access === 'write' ? await lockForWriting(index.path) : null;
  let db: IndexDb | undefined;
  try {
    if (access !== 'create') assertNotEmpty(index);
    db = openIndex(index.path, { readonly: access === 'read', onRebuild: index.onRebuild });
    if (access === 'read') assertHasTables(db, index);
    return await use(db);
  } catch (error) {
    throw asIndexDamage(error, index.path, index.logDirectory) ?? error;
  } finally {
    db?.close();
    lock?.release();
  }
}
