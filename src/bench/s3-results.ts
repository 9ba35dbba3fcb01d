import type { FileSizeHistogram } from '../gen/s3-shape-tree.js';
import { formatCount, formatFilesPerSecond, formatRate, formatRatio, formatSeconds } from './format.js';
import type { MachineInfo } from './machine.js';
import type { IngestResults } from './results.js';
import { median } from './stats.js';
import { atLeast, atMost, type Check, type TargetVerdict } from './targets.js';
import type { UnchangedRerun } from './unchanged-rerun.js';

/** The figures of one `npm run bench -- --shape s3`: small files, the ingest only. */
export interface S3Results {
  version: 1;
  shape: 's3';
  generatedAt: string;
  commit: string | null;
  totalSeconds: number;
  machine: MachineInfo;
  loadAverage: Record<string, number>;
  partSeconds: Record<string, number>;
  options: { files: number; runs: number; seed: number };
  commands: string[];
  tree: {
    dir: string; files: number; events: number; gzipBytes: number; rawJsonBytes: number; reused: boolean; generatedSeconds: number | null;
    eventsPerFile: { quiet: FileSizeHistogram; busy: FileSizeHistogram } | null;
  };
  ingest: IngestResults;
  rerun: UnchangedRerun;
  targets: TargetVerdict[];
}

/** The size the rerun target is stated for. */
export const RERUN_TARGET_FILES = 30_000;

/** The read floor in files/s, median over its runs (each read every file of the tree). */
export function readFilesPerSecond(results: Pick<S3Results, 'ingest' | 'tree'>): number {
  return median(results.ingest.readRate.runs.map((run) => (run.files ?? results.tree.files) / run.seconds));
}

function ingestCheck(results: Omit<S3Results, 'targets'>): Check {
  const run = results.ingest.median;
  const read = results.ingest.readRate.medianEventsPerSecond;
  const ratio = run.eventsPerSecond / read;
  return atLeast(ratio, 0.5, `${formatRatio(ratio)} (ingest ${formatFilesPerSecond(run.files, run.seconds)}, ${formatRate(run.eventsPerSecond)} in `
    + `${formatSeconds(run.seconds)}; read+gunzip+parse ${formatCount(readFilesPerSecond(results))} files/s, ${formatRate(read)})`, formatRatio);
}

function rerunCheck(results: Omit<S3Results, 'targets'>): Check {
  const { rerun } = results;
  const reread = rerun.indexedFiles > 0 ? `, re-read ${formatCount(rerun.indexedFiles)} files` : '';
  return atMost(rerun.medianSeconds, 3, `${formatSeconds(rerun.medianSeconds)} for ${formatCount(rerun.files)} files (median of ${rerun.seconds.length}${reread})`, formatSeconds);
}

/** The small-files targets, each met or missed by how much. */
export function evaluateS3Targets(results: Omit<S3Results, 'targets'>): TargetVerdict[] {
  const rows: Array<[string, string, string, Check]> = [
    ['s3-ingest-vs-parse', 'small files: cold ingest vs one-core read+gunzip+parse of the same files', '>= 0.5x', ingestCheck(results)],
    ['s3-rerun', 'small files: unchanged rerun of `keytrail index` (whole process)', `<= 3 s (${formatCount(RERUN_TARGET_FILES)}-file tree)`, rerunCheck(results)],
  ];
  return rows.map(([id, what, target, check]) => ({ id, what, target, ...check }));
}
