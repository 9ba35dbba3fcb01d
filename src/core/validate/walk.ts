import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Absolute paths of the regular files under `dir`, recursively. Symbolic links are not
 * followed: they could loop, or pull files from outside the tree into the verdict.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [path.resolve(dir)];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) files.push(full);
    }
  }
  return files.sort();
}

/** Report path: relative to the validated directory, always '/'-separated. */
export function reportPath(dir: string, absolutePath: string): string {
  return path.relative(path.resolve(dir), absolutePath).split(path.sep).join('/');
}
