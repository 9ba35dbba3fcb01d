import { resolve } from 'node:path';

/**
 * A damaged index (a flipped page, a truncated or overwritten file): recognised from
 * SQLite's error codes and worded for the person who has to act on it. The index is a
 * copy of what was read from the logs, so the logs are never what is damaged.
 */

/** SQLite's codes for a file that is not, or no longer, a whole database. */
function isDamageCode(code: string): boolean {
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ';
}

/** SQLite's fixed messages for the same codes: what is left of an error passed on from the indexer's worker as text. */
const DAMAGE_MESSAGES = ['database disk image is malformed', 'file is not a database'];

/** True for errors that mean the index file itself is damaged (not a busy lock, not a bad query). */
export function isIndexDamage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return isDamageCode(code);
  return typeof message === 'string' && DAMAGE_MESSAGES.some((phrase) => message.includes(phrase));
}

/** The index's file is damaged; `logDirectory` when known, for the rebuild command. */
export class IndexDamagedError extends Error {
  constructor(readonly indexPath: string, readonly logDirectory: string | null, readonly detail: string) {
    super(damagedIndexMessage(indexPath, logDirectory, detail));
  }
}

/** The command that rebuilds a damaged index: the old file is kept aside, the logs are read again. */
export function rebuildCommand(indexPath: string, logDirectory: string | null): string {
  return `keytrail index ${logDirectory ?? 'LOG_DIR'} --db ${resolve(indexPath)} --rebuild`;
}

/** Which index, that the logs are untouched, and the one command that rebuilds it. */
export function damagedIndexMessage(indexPath: string, logDirectory: string | null, detail: string): string {
  return [
    `the index ${resolve(indexPath)} is damaged (${detail}).`,
    `Your log files${logDirectory ? ` in ${logDirectory}` : ''} are untouched: the index only holds a copy of what was read from them.`,
    `Rebuild it (the damaged file is kept beside it as .damaged-<time>): ${rebuildCommand(indexPath, logDirectory)}`,
  ].join('\n');
}

/** `error` as an IndexDamagedError when it is one, else null. */
export function asIndexDamage(error: unknown, indexPath: string, logDirectory: string | null): IndexDamagedError | null {
  if (error instanceof IndexDamagedError) return error;
  if (!isIndexDamage(error)) return null;
  return new IndexDamagedError(indexPath, logDirectory, (error as Error).message);
}
