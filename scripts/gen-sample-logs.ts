/**
 * Writes sample-logs/: the synthetic CloudTrail story keytrail's docs and tests use.
 *   npm run sample-logs                 # regenerate the committed tree
 *   npx tsx scripts/gen-sample-logs.ts --out /tmp/x --seed 7
 * test/gen/sample-logs.test.ts fails if the committed tree differs from what this writes.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { buildSampleLogs, SAMPLE_LOGS_SEED } from '../src/gen/story/sample-logs.js';
import { writeFileTree } from '../src/gen/file-tree.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: join(repoRoot, 'sample-logs') }, seed: { type: 'string', default: String(SAMPLE_LOGS_SEED) } },
});
const outDir = resolve(values.out);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

const started = performance.now();
const { tree, manifest } = buildSampleLogs(seed);
// The directory is generated output only: clear it so renamed files do not linger.
writeFileTree(outDir, tree, { clean: true });
const bytes = [...tree.values()].reduce((total, file) => total + file.length, 0);
const { files } = manifest;
console.log(
  `wrote ${tree.size} files (${(bytes / 1e6).toFixed(2)} MB) to ${outDir} in ${Math.round(performance.now() - started)} ms: ` +
    `${files.s3Records.files} Records files with ${files.s3Records.records} records, ` +
    `${files.cloudWatchJsonl.lines} JSONL lines, ${files.lookupEvents.events} lookup-events entries, ` +
    `${files.uniqueEventIdsAllSources} distinct events`,
);
