import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtBinary, newUser, removeBuiltBinary } from '../helpers/run-cli.js';

/** What `npm i -g keytrail` gets: the bundle, the bin, the sample logs, the docs, and one runtime dependency. */
const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
afterAll(() => removeBuiltBinary());
/** Native speed-ups the bundled WebSocket client tries in a try/catch and does without. */
const OPTIONAL = ['bufferutil', 'utf-8-validate'];

/** Bare module names a bundle still imports at run time, as esbuild writes them (everything else is inside it). */
function runtimeImports(bundle: string): string[] {
  const text = readFileSync(bundle, 'utf8');
  const statements = /^import\s[^;]*?from\s*["']([^"']+)["'];?$|^import\s*["']([^"']+)["'];?$|\b__require\(["']([^"']+)["']\)/gm;
  const names = [...text.matchAll(statements)].map((match) => match[1] ?? match[2] ?? match[3]!);
  return [...new Set(names.filter((name) => !isBuiltin(name) && !OPTIONAL.includes(name)))].sort();
}

describe('the package', () => {
  it('`npm pack` lists the bin, the three bundles, the sample logs and the docs: no source maps, no benchmark, no sources', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const files = (JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['bin/keytrail.js', 'dist/cli.js', 'dist/indexer-worker.js', 'dist/prepare-worker.js', 'package.json', 'README.md', 'LICENSE', 'sample-logs/README.md']));
    expect(files.filter((file) => file.startsWith('sample-logs/AWSLogs/')).length).toBeGreaterThan(1000);
    expect(files.filter((file) => !file.startsWith('sample-logs/') && !file.startsWith('docs/')))
      .toEqual(['LICENSE', 'README.md', 'bin/keytrail.js', 'dist/cli.js', 'dist/indexer-worker.js', 'dist/prepare-worker.js', 'package.json']);
    // Every document the README points to travels with it (the example config is passed to `detect --config`).
    const linked = [...new Set([...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/\bdocs\/[\w.-]+/g)].map((match) => match[0]))];
    expect(linked.length).toBeGreaterThan(3);
    expect(files).toEqual(expect.arrayContaining(linked));
  });

  it('the bundles import no package but better-sqlite3 at run time, the one runtime dependency', () => {
    const dist = join(dirname(dirname(builtBinary())), 'dist');
    expect(Object.keys(manifest.dependencies)).toEqual(['better-sqlite3']);
    expect(runtimeImports(join(dist, 'cli.js'))).toEqual(['better-sqlite3']);
    expect(runtimeImports(join(dist, 'indexer-worker.js'))).toEqual(['better-sqlite3']);
    // Reading and parsing ahead never touches the index.
    expect(runtimeImports(join(dist, 'prepare-worker.js'))).toEqual([]);
  });

  it('`keytrail sample --path` finds the sample logs shipped beside the bundle', () => {
    const user = newUser();
    try {
      const result = user.run(['sample', '--path'], { cwd: user.home });
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${join(dirname(dirname(builtBinary())), 'sample-logs')}\n`);
      expect(user.run(['sample'], { cwd: user.home }).stderr).toContain('the workbench needs an interactive terminal');
    } finally {
      user.cleanup();
    }
  });
});
