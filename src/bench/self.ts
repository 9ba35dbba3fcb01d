import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the harness runs from: the bundle dist/bench.js (`npm run bench`), or its
 * TypeScript source under tsx (tests). Children and the keytrail binary are started
 * the same way the harness itself was, so a source run never needs a build.
 */
const fromSource = import.meta.url.endsWith('.ts');
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = fromSource ? resolve(here, '../..') : resolve(here, '..');

export function repoPath(relativePath: string): string {
  return join(repoRoot, relativePath);
}

/** Node arguments that load tsx, for children started from a source run. */
function tsxArgs(): string[] {
  const require = createRequire(import.meta.url);
  const loader = join(dirname(require.resolve('tsx/package.json')), 'dist/loader.mjs');
  return ['--import', pathToFileURL(loader).href];
}

/** argv (after node) that runs this harness as a child doing one measurement. */
export function benchChildArgs(task: string, input: unknown): string[] {
  const entry = fromSource ? [...tsxArgs(), join(here, 'main.ts')] : [join(repoRoot, 'dist/bench.js')];
  return [...entry, 'child', task, JSON.stringify(input)];
}

/** argv (after node) that runs keytrail itself: the real bin, or its source under tsx. */
export function keytrailArgs(args: string[]): string[] {
  return fromSource ? [...tsxArgs(), repoPath('src/cli.ts'), ...args] : [repoPath('bin/keytrail.js'), ...args];
}

export const runningFromSource = fromSource;
