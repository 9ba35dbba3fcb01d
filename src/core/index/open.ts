import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureFindingsTable, findingsFilePath, moveLegacyFindings, RESPONDER_SCHEMA } from '../findings/schema.js';
import { DEFERRED_INDEXES_SQL, EVENTS_VIEW_SQL, SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

export type IndexDb = Database.Database;

/** An index that cannot be used as it is (missing, or of another schema version): said plainly, no stack. */
export class IndexOpenError extends Error {}

export interface OpenOptions {
  readonly?: boolean;
  /**
   * Given by writers that fill the index from the logs: an index of an older schema is then
   * rebuilt (and this is told what happened); other openers are told to run `keytrail index`.
   */
  onRebuild?: (message: string) => void;
}

/**
 * Opens (creating when needed) an index, with its findings file attached. The files and
 * their folder are owner-only: the index holds copies of the logs. WAL lets readers page
 * while the writer commits. An index of an older schema is rebuilt from the logs, its
 * findings moved into the findings file first.
 */
export function openIndex(path: string, options: OpenOptions = {}): IndexDb {
  if (options.readonly) return openReader(path);
  const fresh = !existsSync(path);
  if (fresh) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  if (fresh) {
    chmodSync(path, 0o600);
    // 16 KiB pages: 23% faster inserts and a 28% smaller file (measured against 4 KiB on a 1M-event ingest).
    db.pragma('page_size = 16384');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 64 MiB: at 5M events a 16 MiB cache made the build a tenth slower (269 s against 245 s), though at
  // 1M it cost nothing and saved 57 MiB of peak RSS (docs/PERFORMANCE.md).
  db.pragma('cache_size = -65536');
  attachFindings(db, path, false);
  // The version is checked before the schema runs: an older index's tables lack new columns.
  const version = storedVersion(db);
  if (version !== null && version < SCHEMA_VERSION) {
    if (!options.onRebuild) return refuseOlderVersion(db, path, version);
    rebuild(db, path, version, options.onRebuild);
    return openIndex(path, options);
  }
  refuseNewerVersion(db, path, version);
  db.exec(SCHEMA_SQL);
  ensureEventsView(db);
  if (version === null) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  return db;
}

/** The events view as this code defines it: an index holding another text of it gets this one. */
function ensureEventsView(db: IndexDb): void {
  const stored = db.prepare("SELECT sql FROM main.sqlite_master WHERE type = 'view' AND name = 'events'").pluck().get();
  if (stored === EVENTS_VIEW_SQL) return;
  db.transaction(() => {
    db.exec('DROP VIEW IF EXISTS main.events');
    db.exec(EVENTS_VIEW_SQL);
  })();
}

function openReader(path: string): IndexDb {
  if (!existsSync(path)) throw new IndexOpenError(`no index at ${path}: run \`keytrail index DIR\` first`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const version = storedVersion(db);
  if (version !== null && version < SCHEMA_VERSION) refuseOlderVersion(db, path, version);
  refuseNewerVersion(db, path, version);
  attachFindings(db, path, true);
  // Readers page by key: an automatic index over millions of entity rows (the planner's
  // choice for some EXISTS tests) costs seconds where the primary key answers in microseconds.
  db.pragma('automatic_index = OFF');
  return db;
}

/** A reader attaches the findings file only once one exists: a read-only connection cannot create it. */
function attachFindings(db: IndexDb, indexPath: string, readonly: boolean): void {
  const file = findingsFilePath(indexPath);
  const fresh = !existsSync(file);
  if (readonly && fresh) return;
  db.prepare(`ATTACH DATABASE ? AS ${RESPONDER_SCHEMA}`).run(file);
  if (readonly) return;
  ensureFindingsTable(db);
  if (fresh) chmodSync(file, 0o600);
}

/**
 * The index is a cache of the logs: an older layout is thrown away and the logs read again
 * (the caller's next scan refills it). Findings are the responder's own work: moved first.
 */
function rebuild(db: IndexDb, path: string, version: number, onRebuild: (message: string) => void): void {
  const moved = moveLegacyFindings(db);
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  onRebuild(`index ${path} had schema version ${version} from an older keytrail; rebuilding it from the logs with version ${SCHEMA_VERSION}`
    + ` (findings kept in ${findingsFilePath(path)}${moved > 0 ? `: ${moved} moved from the old index` : ''})`);
}

function refuseOlderVersion(db: IndexDb, path: string, version: number): never {
  db.close();
  throw new IndexOpenError(`index ${path} has schema version ${version} from an older keytrail; this one needs ${SCHEMA_VERSION}. `
    + 'Run `keytrail index DIR` (or open the workbench on DIR) to rebuild it from the logs; findings and notes are kept');
}

function refuseNewerVersion(db: IndexDb, path: string, version: number | null): void {
  if (version === null || version <= SCHEMA_VERSION) return;
  db.close();
  throw new IndexOpenError(`index ${path} has schema version ${version} from a newer keytrail; this one reads version ${SCHEMA_VERSION}:`
    + ' use that keytrail, or give this one another --db');
}

function storedVersion(db: IndexDb): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  if (!hasMeta) return null;
  const value = db.prepare("SELECT value FROM main.meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  return value === undefined ? null : Number(value);
}

/** After a first scan (or a headless index run): builds what DEFERRED_INDEXES_SQL defers; instant once built. */
export function buildDeferredIndexes(db: IndexDb): void {
  db.exec(DEFERRED_INDEXES_SQL);
}

export function readMeta(db: IndexDb, key: string): string | null {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  return value ?? null;
}

export function writeMeta(db: IndexDb, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
