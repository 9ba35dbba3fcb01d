import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { xdgKeytrailDir } from '../core/xdg-dirs.js';
import { UsageError, type CommandOptions } from './command.js';
import { stringOption } from './options.js';

/**
 * Where indexes live: never inside the log directory (source logs are read-only to
 * us), one per log directory, under the user's state folder with owner-only
 * permissions. `KEYTRAIL_HOME` overrides the folder (tests, shared hosts). Only a
 * command that writes creates it.
 */
export function stateDir(): string {
  const home = process.env.KEYTRAIL_HOME;
  return home ? resolve(home) : xdgKeytrailDir('state');
}

/** The state folder, created owner-only: for commands that write to it (the workbench, the indexers). */
export function ensureStateDir(): string {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The index's folder, owner-only, before a writer locks or creates the index in it. */
export function prepareIndexFolder(dbPath: string): void {
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
}

function canonicalDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

export function defaultIndexPath(logDir: string): string {
  const real = canonicalDir(logDir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 12);
  const name = basename(real).replace(/[^A-Za-z0-9._-]/g, '_') || 'root';
  return join(stateDir(), 'indexes', `${name}-${id}.db`);
}

/** Refuses an index path inside the log directory: the watcher would index it, and logs are read-only. */
export function assertOutsideLogDir(dbPath: string, logDir: string): void {
  const rel = relative(canonicalDir(logDir), resolve(dbPath));
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    throw new UsageError(`the index ${dbPath} would be inside the log directory ${logDir}; choose --db elsewhere`);
  }
}

interface LastIndex {
  db: string;
  dir: string;
}

/** Remembers the index last built, so `keytrail query` right after `keytrail index DIR` needs no flag. */
export function rememberIndex(db: string, dir: string): void {
  writeFileSync(join(ensureStateDir(), 'last-index.json'), JSON.stringify({ db: resolve(db), dir: canonicalDir(dir) }), { mode: 0o600 });
}

export function lastIndex(): LastIndex | null {
  const path = join(stateDir(), 'last-index.json');
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LastIndex;
  } catch {
    return null;
  }
}

/** The index a reading command uses, how it was chosen, and the log folder it was built from when known. */
export interface ReadingIndex {
  path: string;
  logDirectory: string | null;
  /** Set when no --db/--dir named it: said on stderr, so an answer is never read from the wrong folder unawares. */
  chosenBecause: string | null;
}

function fromDir(dir: string): ReadingIndex {
  if (!existsSync(dir)) throw new UsageError(`no folder ${dir} (--dir): nothing was read and no index was created`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file, not a folder of logs (--dir): give the folder it is in`);
  const path = defaultIndexPath(dir);
  if (!existsSync(path)) throw new UsageError(`${dir} has not been indexed yet (no index at ${path}): run \`keytrail index ${dir}\` first`);
  return { path, logDirectory: resolve(dir), chosenBecause: null };
}

/**
 * --db, then --dir's index, then $KEYTRAIL_DB, then the last one built. A reading
 * command never creates an index: what is missing is named instead (a usage error).
 */
export function chooseReadingIndex(options: { db?: string; dir?: string }): ReadingIndex {
  if (options.db) {
    if (!existsSync(options.db)) throw new UsageError(`no index at ${options.db} (--db): build it with \`keytrail index DIR --db ${options.db}\``);
    const last = lastIndex();
    return { path: options.db, logDirectory: last && last.db === resolve(options.db) ? last.dir : null, chosenBecause: null };
  }
  if (options.dir) return fromDir(options.dir);
  const fromEnv = process.env.KEYTRAIL_DB;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new UsageError(`no index at ${fromEnv} ($KEYTRAIL_DB)`);
    return { path: fromEnv, logDirectory: null, chosenBecause: '$KEYTRAIL_DB' };
  }
  const last = lastIndex();
  if (!last || !existsSync(last.db)) throw new UsageError('no index yet: run `keytrail index DIR` first, then pass --dir DIR (or --db PATH)');
  return { path: last.db, logDirectory: last.dir, chosenBecause: `the last folder indexed, ${last.dir}` };
}

/** The path of the index a reading command names with `--db PATH` or `--dir DIR` (see chooseReadingIndex). */
export function indexPathFrom(options: CommandOptions): string {
  return chooseReadingIndex(readingOptions(options)).path;
}

export function readingOptions(options: CommandOptions): { db?: string; dir?: string } {
  return { db: stringOption(options, 'db'), dir: stringOption(options, 'dir') };
}
