// Bundles the CLI and the indexer worker into dist/ with esbuild: one file each
// starts in ~270 ms where tsc output through node's resolver takes ~640 ms.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The build's id (src/core/build-id.ts): every source file's path and bytes, in path order. */
function sourcesHash() {
  const hash = createHash('sha256');
  const files = readdirSync('src', { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).replace(/\\/g, '/')).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Ink redraws the whole screen each frame and measures and tokenizes every line afresh
 * (~10 ms at 120x40, most of a keypress's latency). Its imports of these two packages get
 * versions that remember recent lines (src/ui/render-caches/): same results, computed once.
 */
const RENDER_CACHES = new Map([
  [fileURLToPath(import.meta.resolve('string-width')), resolve('src/ui/render-caches/string-width.ts')],
  [fileURLToPath(import.meta.resolve('@alcalzone/ansi-tokenize')), resolve('src/ui/render-caches/ansi-tokenize.ts')],
]);

const renderCaches = {
  name: 'render-caches',
  setup(bundle) {
    bundle.onResolve({ filter: /^(string-width|@alcalzone\/ansi-tokenize)$/ }, async (args) => {
      // Only packages' imports (keytrail's own code and the caches themselves get the real ones), and
      // only of these versions: a package that brings an older string-width of its own keeps it.
      if (args.pluginData === 'real' || !/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      const real = await bundle.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'real' });
      return RENDER_CACHES.has(real.path) ? { path: RENDER_CACHES.get(real.path) } : real;
    });
  },
};

await build({
  entryPoints: {
    cli: 'src/cli.ts',
    'indexer-worker': 'src/indexer/worker-entry.ts',
    // Reads and parses files ahead of the index writer (src/indexer/file-preparer.ts).
    'prepare-worker': 'src/indexer/prepare-worker.ts',
    // The benchmark harness (npm run bench) and the worker its tree generator starts.
    bench: 'src/bench/main.ts',
    'bench-chunk-worker': 'src/gen/bench-chunk-worker.ts',
  },
  // `--outdir DIR`: the bench smoke test builds a private copy rather than rewrite dist/ under other tests.
  outdir: process.argv[2] === '--outdir' && process.argv[3] ? process.argv[3] : 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3'],
  // ink imports react-devtools-core only when DEV is set; keep it out of the bundle.
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  banner: {
    js: "import { createRequire as __keytrailCreateRequire } from 'node:module'; const require = __keytrailCreateRequire(import.meta.url);",
  },
  plugins: [renderCaches],
  define: { KEYTRAIL_BUILD_ID: JSON.stringify(sourcesHash()) },
  logLevel: 'warning',
});
