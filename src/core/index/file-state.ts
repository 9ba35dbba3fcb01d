import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IndexDb } from './open.js';
import { cachedStatement } from './statement-cache.js';

/**
 * How much of a file its head hash covers: all of any file read in one piece (WHOLE_READ_BYTES), so
 * a rerun tells a touched delivery file (same size, new mtime) from an edited one by this hash alone,
 * where a 64 KiB head missed an edit past it. A larger file of the same size and a new mtime is read
 * again. A JSON Lines file that grows is hashed this far on each read: a millisecond, not 8 MiB twice.
 */
const HEAD_BYTES = 1024 * 1024;

/** A file's row in `files`. */
export interface FileRow {
  id: number;
  path: string;
  size: number;
  mtimeMs: number;
  headHash: string | null;
  headLength: number;
  gzip: number;
  kind: string;
  status: string;
  resumeOffset: number;
  resumeLine: number;
}

/** Statuses after which an unchanged file needs no further reading. */
export const SETTLED_STATUSES = new Set(['indexed', 'not-log', 'digest', 'public-keys', 'empty']);

export type FileAction =
  | { action: 'skip'; reason: 'unchanged' | 'same content, new mtime' }
  | { action: 'fresh' }
  | { action: 'resume'; row: FileRow }
  | { action: 'replace'; row: FileRow };

export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** Synchronous: one stat is a few microseconds, an awaited one a thread-pool round trip per file. */
export function statFile(path: string): FileStat {
  const info = statSync(path);
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  return { size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
}

/** The file's stat, or null when it is gone or unreadable (the caller reports it when it tries to read). */
export function statOrNull(path: string): FileStat | null {
  try {
    return statFile(path);
  } catch {
    return null;
  }
}

export interface HeadHash {
  hash: string;
  length: number;
}

/** SHA-256 of the first `length` bytes: tells an appended file from a replaced one. */
export async function hashHead(path: string, length = HEAD_BYTES): Promise<HeadHash> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(length, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return hashOfHead(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The head hash of a file already read whole: the same value `hashHead` gives. */
export function hashOfHead(content: Buffer, length = HEAD_BYTES): HeadHash {
  const head = content.subarray(0, length);
  return { hash: hash('sha256', head, 'hex'), length: head.length };
}

const FILE_ROW_COLUMNS = `id, path, size, mtime_ms AS mtimeMs, head_hash AS headHash, gzip, kind, status,
  resume_offset AS resumeOffset, resume_line AS resumeLine, head_length AS headLength`;

export function findFileRow(db: IndexDb, path: string): FileRow | undefined {
  return cachedStatement(db, `SELECT ${FILE_ROW_COLUMNS} FROM files WHERE path = ?`).get(path) as FileRow | undefined;
}

/** Every file the index knows, by path: one query for a whole tree instead of one per file. */
export function loadFileRows(db: IndexDb): Map<string, FileRow> {
  const rows = db.prepare(`SELECT ${FILE_ROW_COLUMNS} FROM files`).all() as FileRow[];
  return new Map(rows.map((row) => [row.path, row]));
}

/** Settled with the size and mtime it has now: nothing to read. */
export function isUnchanged(row: FileRow | undefined, current: FileStat): boolean {
  return row !== undefined && SETTLED_STATUSES.has(row.status) && row.size === current.size && row.mtimeMs === current.mtimeMs;
}

/** A file touched but not changed: its new mtime recorded, so the next run confirms it by stat alone. */
export function recordMtime(db: IndexDb, row: FileRow, current: FileStat): void {
  cachedStatement(db, 'UPDATE files SET mtime_ms = ? WHERE id = ?').run(current.mtimeMs, row.id);
}

/**
 * What to do with a file given what the index knows of it: unchanged files are
 * skipped by size and mtime, then (a file no larger than its hashed head) by that hash; a file whose head is
 * unchanged grew (JSON Lines) or was cut short by a crash and is resumed; any other
 * change replaces the file's contribution.
 */
export async function decideAction(path: string, row: FileRow | undefined, current: FileStat): Promise<FileAction> {
  if (!row) return { action: 'fresh' };
  if (isUnchanged(row, current)) return { action: 'skip', reason: 'unchanged' };
  const settled = SETTLED_STATUSES.has(row.status);
  if (!row.headHash || current.size < row.headLength) return { action: 'replace', row };
  const head = await hashHead(path, row.headLength);
  if (head.hash !== row.headHash) return { action: 'replace', row };
  if (settled && row.size === current.size) {
    // The head hash covers all of a file up to HEAD_BYTES; past it (or from an index that hashed 64 KiB), it may differ further on.
    return row.headLength >= current.size ? { action: 'skip', reason: 'same content, new mtime' } : { action: 'replace', row };
  }
  if (!settled || (row.kind === 'jsonl' && row.gzip === 0)) return { action: 'resume', row };
  return { action: 'replace', row };
}
