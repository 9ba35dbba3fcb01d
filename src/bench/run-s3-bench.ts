import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSeconds } from './format.js';
import { loadNow, startRun } from './machine.js';
import type { BenchOptions } from './options.js';
import { isSkipped } from './results.js';
import { BUILD_COMMAND } from './run-bench.js';
import { runIngest } from './run-ingest.js';
import { evaluateS3Targets, type S3Results } from './s3-results.js';
import { ensureTree } from './tree.js';
import { measureUnchangedRerun } from './unchanged-rerun.js';

type Log = (line: string) => void;

/** Unchanged reruns timed: each is a few seconds at most, and the median of three shrugs off one slow start. */
const RERUNS = 3;

/**
 * `npm run bench -- --shape s3`: a tree of many small deliveries, cold ingests alternating
 * with read+gunzip+parse of the same files (as the default shape measures them), then
 * `keytrail index` again on the unchanged tree, as a whole process.
 */
export async function runS3Bench(options: BenchOptions, log: Log): Promise<S3Results> {
  const { started, commit, machine, loadAverage, partSeconds, endPart } = startRun();
  const tree = await ensureTree(options.treeDir, { shape: 's3', files: options.files }, options.seed, log);
  endPart('tree');
  const { manifest } = tree;
  log(`tree: ${tree.dir} (${manifest.files.toLocaleString('en-US')} files, ${manifest.events.toLocaleString('en-US')} events${tree.reused ? ', reused' : ''})`);
  const scratch = mkdtempSync(join(tmpdir(), 'keytrail-bench-s3-run-'));
  try {
    loadAverage.ingest = loadNow();
    const ingest = await runIngest(tree.dir, scratch, options.runs, null, log);
    // Never skipped: the s3 shape takes no --index.
    if (isSkipped(ingest.results)) throw new Error(ingest.results.skipped);
    endPart('ingest');
    loadAverage.rerun = loadNow();
    const rerun = await measureUnchangedRerun({ dir: tree.dir, db: ingest.db, home: join(scratch, 'home'), runs: RERUNS });
    log(`  unchanged rerun of keytrail index: ${rerun.seconds.map(formatSeconds).join(', ')}`);
    endPart('unchanged rerun');
    const results: Omit<S3Results, 'targets'> = {
      version: 1, shape: 's3', generatedAt: new Date().toISOString(), commit, totalSeconds: Math.round((performance.now() - started) / 1000),
      machine, loadAverage, partSeconds,
      options: { files: options.files, runs: options.runs, seed: options.seed },
      commands: [BUILD_COMMAND, `npm run bench -- --shape s3 --files ${options.files} --runs ${options.runs} --out ${options.treeDir}`],
      tree: {
        dir: tree.dir, files: manifest.files, events: manifest.events, gzipBytes: manifest.bytes, rawJsonBytes: manifest.rawJsonBytes,
        reused: tree.reused, generatedSeconds: tree.generatedSeconds, eventsPerFile: manifest.eventsPerFile ?? null,
      },
      ingest: ingest.results,
      rerun,
    };
    return { ...results, targets: evaluateS3Targets(results) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
