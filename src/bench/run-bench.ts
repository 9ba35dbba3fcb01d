import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIndex } from '../core/index/open.js';
import { measureChains, measureFacets } from './aggregate-latency.js';
import { facetFilters, pageFilters } from './bench-filters.js';
import { runChild } from './child.js';
import { measureDetections } from './detection-pass.js';
import { measureFirstFrame } from './first-frame.js';
import type { KeypressInput, KeypressResult } from './keypress-latency.js';
import { measureLiveTail, type LiveTailResult } from './live-tail.js';
import { loadNow, startRun } from './machine.js';
import type { BenchOptions, Section } from './options.js';
import { measurePages } from './page-latency.js';
import { benchQuestions } from './questions.js';
import { recordsFiles } from './read-rate.js';
import type { BenchResults, Skipped, WorkbenchResults } from './results.js';
import { runIngest } from './run-ingest.js';
import { runQuestions } from './run-questions.js';
import { evaluateTargets } from './targets.js';
import type { Samples } from './samples.js';
import { ensureTree, type BenchTree } from './tree.js';

type Log = (line: string) => void;

const notAsked = (section: Section): Skipped => ({ skipped: `not measured: --only left out ${section}` });

type ReadLatencies = Pick<BenchResults, 'pages' | 'facets' | 'chains'>;

function readLatencies(db: string, tree: BenchTree, sections: ReadonlySet<Section>, samples: Samples): ReadLatencies {
  if (!sections.has('pages') && !sections.has('aggregates')) return { pages: notAsked('pages'), facets: notAsked('aggregates'), chains: notAsked('aggregates') };
  const index = openIndex(db, { readonly: true });
  const manifest = tree.manifest;
  try {
    return {
      pages: sections.has('pages') ? measurePages(index, pageFilters(manifest), samples.pageRounds) : notAsked('pages'),
      facets: sections.has('aggregates') ? measureFacets(index, facetFilters(manifest), samples.facetRounds) : notAsked('aggregates'),
      chains: sections.has('aggregates') ? measureChains(index, `instance:${manifest.probes.instance.instanceId}`, samples.chainRounds) : notAsked('aggregates'),
    };
  } finally {
    index.close();
  }
}

async function measureLive(tree: BenchTree, db: string, scratch: string, samples: Samples, log: Log): Promise<LiveTailResult> {
  log('live tail ...');
  const liveDir = join(scratch, 'live');
  mkdirSync(liveDir);
  const templateFile = (await recordsFiles(tree.dir))[0]!;
  return measureLiveTail({ db, liveDir, templateFile, files: samples.liveFiles, eventsPerFile: samples.liveEventsPerFile, gapMs: samples.liveGapMs });
}

async function measureWorkbench(tree: BenchTree, db: string, scratch: string, samples: Samples, log: Log): Promise<WorkbenchResults> {
  log('workbench ...');
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  const firstFrame = await measureFirstFrame({ dir: tree.dir, db, home, launches: samples.launches });
  const { probes } = tree.manifest;
  const input: KeypressInput = {
    db, intervalMs: samples.keyIntervalMs, repeats: samples.keyRepeats, settleMs: samples.settleMs,
    filters: [
      `instance:${probes.instance.instanceId}`, `key:${probes.hottestKey.arn}`, `principal:${probes.principalIp.principal}`,
      `ctx:${probes.encryptionContext.pair}`, 'event:Decrypt error:*',
    ].slice(0, samples.keyFilters),
  };
  // React's production build, as the workbench sets it.
  const keys = await runChild<KeypressResult>('keys', input, { ...process.env, NODE_ENV: 'production', KEYTRAIL_HOME: home });
  return { firstFrame, keys: keys.result };
}

/** Runs every asked-for section against one tree and returns all figures with the targets judged. */
export async function runBench(options: BenchOptions, log: Log): Promise<BenchResults> {
  const { started, commit, machine, loadAverage, partSeconds, endPart } = startRun();
  const wants = (section: Section) => options.sections.has(section);
  const tree = await ensureTree(options.treeDir, { shape: 'default', events: options.events }, options.seed, log);
  endPart('tree');
  const scratch = mkdtempSync(join(tmpdir(), 'keytrail-bench-run-'));
  try {
    log(`tree: ${tree.dir} (${tree.manifest.events.toLocaleString('en-US')} events, ${tree.manifest.files} files${tree.reused ? ', reused' : ''})`);
    loadAverage.ingest = loadNow();
    // Other sections need an index even when the ingest is not reported: one quiet run builds it.
    const ingest = await runIngest(tree.dir, scratch, wants('ingest') ? options.runs : 1, options.index, log);
    endPart('ingest');
    loadAverage.questions = loadNow();
    const questionOptions = { dir: tree.dir, db: ingest.db, runs: options.runs, samples: options.samples, skipJq: options.skipJq, skipDuckdb: options.skipDuckdb, log };
    const questions = wants('questions')
      ? await runQuestions(benchQuestions(tree.manifest), questionOptions)
      : { questions: notAsked('questions'), duckdb: notAsked('questions') };
    endPart('questions');
    loadAverage.latencies = loadNow();
    log('pages, facets, chains ...');
    const latencies = readLatencies(ingest.db, tree, options.sections, options.samples);
    endPart('pages, facets, chains');
    const detections = wants('aggregates') ? measureDetections(ingest.db, options.runs) : notAsked('aggregates');
    endPart('detections');
    const liveTail = wants('live') ? await measureLive(tree, ingest.db, scratch, options.samples, log) : notAsked('live');
    endPart('live tail');
    loadAverage.workbench = loadNow();
    const workbench = wants('workbench') ? await measureWorkbench(tree, ingest.db, scratch, options.samples, log) : notAsked('workbench');
    endPart('workbench');
    const results: Omit<BenchResults, 'targets'> = {
      version: 1, generatedAt: new Date().toISOString(), commit, totalSeconds: Math.round((performance.now() - started) / 1000), machine, loadAverage, partSeconds,
      options: { events: options.events, runs: options.runs, seed: options.seed, sections: [...options.sections] },
      commands: benchCommands(options),
      tree: {
        dir: tree.dir, events: tree.manifest.events, files: tree.manifest.files, gzipBytes: tree.manifest.bytes,
        rawJsonBytes: tree.manifest.rawJsonBytes, reused: tree.reused, generatedSeconds: tree.generatedSeconds,
      },
      ingest: wants('ingest') ? ingest.results : notAsked('ingest'),
      ...questions, ...latencies, detections, liveTail, workbench,
    };
    return { ...results, targets: evaluateTargets(results) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The first of every run's commands: a clean clone builds the bundles the benchmark runs. */
export const BUILD_COMMAND = 'npm ci                      # builds dist/ (prepare)';

function benchCommands(options: BenchOptions): string[] {
  return [
    BUILD_COMMAND,
    `npm run bench -- --events ${options.events} --runs ${options.runs} --out ${options.treeDir}`,
    'optional peer: npm i --no-save @duckdb/node-api (or KEYTRAIL_BENCH_DUCKDB=<folder where it is installed>)',
  ];
}
