import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to start a worker thread: a file to run, or code to evaluate. */
export type WorkerScript = { url: URL; eval: false } | { code: string; eval: true };

/**
 * The bundle in dist/ ships each worker as its own file next to cli.js (`bundled`). Run from
 * source (tsx, vitest), the calling module is a .ts file and so is the worker's entry
 * (`sourceEntry`, relative to that module): node cannot load it alone, so a two-line shim
 * registers tsx in the worker first.
 */
export function workerScript(moduleUrl: string, bundled: string, sourceEntry: string): WorkerScript {
  if (!moduleUrl.endsWith('.ts')) return { url: new URL(bundled, moduleUrl), eval: false };
  const entry = new URL(sourceEntry, moduleUrl).href;
  const require = createRequire(moduleUrl);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return { code, eval: true };
}
