import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface WalkProblem {
  path: string;
  reason: string;
}

export interface WalkResult {
  /** Paths relative to the root, with `/` separators, sorted: the order indexing follows. */
  files: string[];
  problems: WalkProblem[];
}

/**
 * Lists every regular file under `root`, following symlinks once each (a symlink
 * loop is reported, not followed forever). Unreadable folders are reported and
 * skipped.
 */
export async function walkTree(root: string, shouldSkip: (relativePath: string) => boolean = () => false): Promise<WalkResult> {
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>();
  const toRelative = (path: string) => relative(root, path).split(sep).join('/');

  async function visit(dir: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      problems.push({ path: toRelative(dir), reason: (error as Error).message });
      return;
    }
    if (visited.has(real)) {
      problems.push({ path: toRelative(dir), reason: 'symlink loop: folder already visited' });
      return;
    }
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: toRelative(dir) || '.', reason: (error as Error).message });
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = toRelative(path);
      if (shouldSkip(rel)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        if (!target) {
          problems.push({ path: rel, reason: 'broken symlink' });
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) await visit(path);
      else if (isFile) files.push(rel);
    }
  }

  await visit(root);
  files.sort();
  return { files, problems };
}
