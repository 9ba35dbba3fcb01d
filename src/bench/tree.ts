import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBenchTree, isInsideDirectory } from '../gen/bench-tree.js';
import { generateS3ShapeTree } from '../gen/s3-shape-tree.js';
import { repoPath } from './self.js';
import { describeSpec, isTreeManifest, manifestMatches, type TreeManifest, type TreeSpec } from './tree-manifest.js';

export interface BenchTree {
  dir: string;
  manifest: TreeManifest;
  /** True when an existing tree was used; false when this run generated it. */
  reused: boolean;
  generatedSeconds: number | null;
}

function readManifest(dir: string): TreeManifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isTreeManifest(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The tree to measure: an existing one whose manifest says it has this shape, size and
 * seed, or a new one generated into an absent or empty folder. Anything else in the
 * folder is refused, never deleted: it may be someone's logs.
 */
export async function ensureTree(dir: string, spec: TreeSpec, seed: number, log: (line: string) => void): Promise<BenchTree> {
  if (isInsideDirectory(repoPath('.'), dir)) throw new Error(`--out ${dir} is inside the repository; generated logs belong outside it`);
  const existing = readManifest(dir);
  if (existing && manifestMatches(existing, spec, seed)) return { dir, manifest: existing, reused: true, generatedSeconds: null };
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`${dir} holds something other than ${describeSpec(spec)} (seed ${seed}); choose another --out or empty it`);
  }
  mkdirSync(dir, { recursive: true });
  log(`generating ${describeSpec(spec)} into ${dir} ...`);
  const started = performance.now();
  const manifest: unknown = spec.shape === 's3'
    ? generateS3ShapeTree({ files: spec.files, seed, outDir: dir })
    : await generateBenchTree({ events: spec.events, seed, outDir: dir });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (!isTreeManifest(manifest)) throw new Error('the generator wrote a manifest without the probe values the benchmark needs');
  return { dir, manifest, reused: false, generatedSeconds: Math.round((performance.now() - started) / 100) / 10 };
}
