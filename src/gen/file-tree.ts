import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A generated directory as relative path -> bytes, so it can be compared before writing. */
export type FileTree = Map<string, Buffer>;

export function writeFileTree(root: string, tree: FileTree, options: { clean?: boolean } = {}): void {
  if (options.clean) rmSync(root, { recursive: true, force: true });
  for (const [path, bytes] of tree) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}

/** Every file under root, keyed by its `/`-separated relative path. */
export function readFileTree(root: string): FileTree {
  const tree: FileTree = new Map();
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) tree.set(relative(root, full).split(sep).join('/'), readFileSync(full));
    }
  };
  visit(root);
  return tree;
}
