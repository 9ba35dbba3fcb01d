/**
 * Writes the benchmark's S3-layout tree and its manifest:
 *   npx tsx src/gen/bench-tree-cli.ts --events 1000000 --out /tmp/kt-bench --seed 1
 * Prints the manifest (events, files, bytes, probe values) and writes <out>/manifest.json.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBenchTree, isInsideDirectory } from './bench-tree.js';

/** The checkout this file lives in (nearest package.json up the tree), if any. */
function findRepositoryRoot(): string | undefined {
  for (let directory = dirname(fileURLToPath(import.meta.url)); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function parseOptions() {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } },
  });
  const events = Number(values.events);
  const seed = Number(values.seed);
  if (!values.out) throw new Error('--out <dir> is required (outside the repository)');
  if (!Number.isInteger(events) || events <= 0) throw new Error(`--events must be a positive integer, got ${values.events}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const outDir = resolve(values.out);
  // Generated bench data never belongs in the repository.
  const repoRoot = findRepositoryRoot();
  if (repoRoot && isInsideDirectory(repoRoot, outDir)) throw new Error(`--out ${outDir} is inside the repository; pick a directory such as /tmp/kt-bench`);
  return { events, seed, outDir };
}

/** Only ever deletes what an earlier run wrote: never a directory someone else filled. */
function clearPreviousTree(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  const manifestPath = join(outDir, 'manifest.json');
  const ours = existsSync(manifestPath) && readFileSync(manifestPath, 'utf8').includes('"generator": "src/gen/bench-tree.ts"');
  if (!ours || entries.some((entry) => entry !== 'AWSLogs' && entry !== 'manifest.json')) {
    console.error(`bench-tree: ${outDir} is not empty and not an earlier bench tree; refusing to overwrite it`);
    process.exit(2);
  }
  rmSync(join(outDir, 'AWSLogs'), { recursive: true, force: true });
  rmSync(manifestPath, { force: true });
}

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions();
} catch (error) {
  console.error(`bench-tree: ${error instanceof Error ? error.message : String(error)}`);
  console.error('usage: npx tsx src/gen/bench-tree-cli.ts --events 1000000 --out /tmp/kt-bench --seed 1');
  process.exit(2);
}
const { events, seed, outDir } = options;
clearPreviousTree(outDir);
const manifest = await generateBenchTree({ events, seed, outDir });
const text = JSON.stringify(manifest, null, 2);
writeFileSync(join(outDir, 'manifest.json'), text + '\n');
console.log(text);
