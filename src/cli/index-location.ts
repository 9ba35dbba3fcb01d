import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, relative, resolve, isAbsolute } from 'node:path';
import { UsageError, type CommandOptions } from './command.js';
import { stringOption } from './options.js';

/**
 * Where indexes live: never inside the log directory (source logs are read-only to
 * us), one per log directory, under the user's state folder with owner-only
 * permissions. `KEYTRAIL_HOME` overrides the folder (tests, shared hosts).
 */
export function stateDir(): string {
  const base = process.env.KEYTRAIL_HOME
    ?? join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'keytrail');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  return base;
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
  writeFileSync(join(stateDir(), 'last-index.json'), JSON.stringify({ db: resolve(db), dir: canonicalDir(dir) }), { mode: 0o600 });
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

/** The index a reading command uses: --db, then --dir's index, then $KEYTRAIL_DB, then the last one built. */
export function indexForReading(options: { db?: string; dir?: string }): string {
  if (options.db) return options.db;
  if (options.dir) return defaultIndexPath(options.dir);
  if (process.env.KEYTRAIL_DB) return process.env.KEYTRAIL_DB;
  const last = lastIndex();
  if (last) return last.db;
  throw new UsageError('no index yet: run `keytrail index DIR` first, or pass --db PATH');
}

/** The index a reading command names with `--db PATH` or `--dir DIR` (see indexForReading). */
export function indexPathFrom(options: CommandOptions): string {
  return indexForReading({ db: stringOption(options, 'db'), dir: stringOption(options, 'dir') });
}
