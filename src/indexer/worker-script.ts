import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to start the indexer worker: a file to run, or code to evaluate. */
export type WorkerScript = { url: URL; eval: false } | { code: string; eval: true };

/**
 * The bundle in dist/ ships the worker as dist/indexer-worker.js next to cli.js. Run
 * from source (tsx, vitest), this module is a .ts file and the worker's entry is too:
 * node cannot load it alone, so a two-line shim registers tsx in the worker first.
 */
export function indexerWorkerScript(moduleUrl: string): WorkerScript {
  if (!moduleUrl.endsWith('.ts')) return { url: new URL('./indexer-worker.js', moduleUrl), eval: false };
  const entry = new URL('./worker-entry.ts', moduleUrl).href;
  const require = createRequire(moduleUrl);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return { code, eval: true };
}
