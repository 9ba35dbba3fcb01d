import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the harness runs from: the bundle dist/bench.js (`npm run bench`; the smoke
 * test builds a private copy), or its TypeScript source under tsx. Children and the
 * keytrail binary are started the same way the harness itself was: from the bundles
 * beside it, or from source.
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
  const entry = fromSource ? [...tsxArgs(), join(here, 'main.ts')] : [join(here, 'bench.js')];
  return [...entry, 'child', task, JSON.stringify(input)];
}

/** argv (after node) that runs keytrail itself: the bundle beside this one (what bin/keytrail.js loads), or its source under tsx. */
export function keytrailArgs(args: string[]): string[] {
  return fromSource ? [...tsxArgs(), repoPath('src/cli.ts'), ...args] : [join(here, 'cli.js'), ...args];
}

