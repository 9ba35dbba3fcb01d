import { isAbsolute, relative, sep } from 'node:path';

/** Whole folders that hold no events: digest files feed integrity validation, not the index. */
const IGNORED_FOLDERS = new Set(['CloudTrail-Digest']);
/** Names that copies in progress and editors use: the final file arrives under its own name. */
const TEMPORARY_SUFFIXES = ['.tmp', '.temp', '.part', '.partial', '.crdownload', '.download', '.swp', '~'];
/** `aws s3 cp/sync` downloads to `NAME.<8 hex digits>` and renames when done. */
const AWS_CLI_TEMPORARY = /\.[^./]+\.[0-9A-Fa-f]{8}$/;

/** A predicate over paths relative to the log folder (`/`-separated): true for what is never a log. */
export type PathFilter = (relativePath: string) => boolean;

function isIgnoredName(name: string): boolean {
  if (name.startsWith('.')) return true;
  if (name.includes('_CloudTrail-Digest_')) return true;
  const lower = name.toLowerCase();
  return TEMPORARY_SUFFIXES.some((suffix) => lower.endsWith(suffix)) || AWS_CLI_TEMPORARY.test(name);
}

/**
 * What the watcher and the tree walk skip: hidden and temporary files, digest folders,
 * and the index's own files should they sit inside the log folder.
 */
export function createPathFilter(logDir: string, indexPath: string): PathFilter {
  const indexInside = relative(logDir, indexPath).split(sep).join('/');
  const ownFiles = indexInside.startsWith('..') || isAbsolute(indexInside)
    ? new Set<string>()
    : new Set(['', '-wal', '-shm', '-journal', '.lock'].map((suffix) => `${indexInside}${suffix}`));
  return (relativePath) => {
    if (relativePath === '') return false;
    if (ownFiles.has(relativePath)) return true;
    return relativePath.split('/').some((part) => IGNORED_FOLDERS.has(part) || isIgnoredName(part));
  };
}

/** The same path relative to the log folder, as the index stores it. */
export function relativeLogPath(logDir: string, absolutePath: string): string {
  return relative(logDir, absolutePath).split(sep).join('/');
}
