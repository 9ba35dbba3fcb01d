import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEASUREMENT_HEADERS } from '../../src/bench/measurement-rows.js';
import type { BenchResults } from '../../src/bench/results.js';
import type { S3Results } from '../../src/bench/s3-results.js';

const repo = resolve(import.meta.dirname, '../..');
const EVENTS = 2000;

/**
 * The harness end to end on a tiny tree, from a private build of the bundles (the way
 * `npm run bench` runs, without rewriting dist/ under other tests). The build sits
 * inside the repository's ignored bench-out/ so it finds node_modules.
 */
describe('npm run bench on a 2,000-event tree (--quick)', () => {
  let scratch: string;
  let bundle: string;
  let run: ReturnType<typeof spawnSync>;
  let results: BenchResults;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'keytrail-bench-test-'));
    mkdirSync(join(repo, 'bench-out'), { recursive: true });
    bundle = mkdtempSync(join(repo, 'bench-out', 'smoke-build-'));
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', bundle], { cwd: repo, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    run = spawnSync(process.execPath, [
      join(bundle, 'bench.js'), '--events', String(EVENTS), '--out', join(scratch, 'tree'), '--runs', '1', '--quick', '--skip-duckdb',
      '--results', join(scratch, 'out', 'results.json'), '--doc', join(scratch, 'out', 'PERFORMANCE.md'),
    ], { encoding: 'utf8', env: { ...process.env, KEYTRAIL_HOME: join(scratch, 'home'), CI: '1' }, timeout: 120_000 });
    expect(run.status, String(run.stderr)).toBe(0);
    results = JSON.parse(readFileSync(join(scratch, 'out', 'results.json'), 'utf8')) as BenchResults;
  }, 150_000);

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(bundle, { recursive: true, force: true });
  });

  it('prints every row of the measurements, questions and targets tables', () => {
    const stdout = String(run.stdout);
    for (const header of MEASUREMENT_HEADERS) expect(stdout).toContain(header);
    for (const row of ['cold ingest', 'read + gunzip + JSON.parse', 'DuckDB load', 'windowed page', 'facet counts', 'chain of an event',
      'full detection pass', 'live tail', 'first frame', 'first rows', 'keypress to frame', 'workbench peak RSS']) expect(stdout).toContain(row);
    for (const question of ['Decrypt count per principal', 'every event of one instance', 'one principal from one IP', 'one encryption-context value']) {
      expect(stdout).toContain(question);
    }
    expect(results.targets.map((target) => target.id)).toEqual([
      'ingest-rate', 'ingest-vs-duckdb', 'ingest-vs-parse', 'question-vs-jq', 'index-plus-answer', 'newest-hour', 'page', 'facets', 'chain',
      'live-tail', 'first-frame', 'keypress', 'db-size', 'memory',
    ]);
    for (const target of results.targets) expect(stdout).toContain(target.what);
  });

  it('writes a results file in which every part was measured, DuckDB skipped with the reason', () => {
    for (const part of ['ingest', 'questions', 'pages', 'facets', 'chains', 'detections', 'liveTail', 'workbench'] as const) {
      expect(results[part], part).not.toHaveProperty('skipped');
    }
    expect(results.duckdb).toEqual({ skipped: 'skipped: --skip-duckdb' });
    // Run with CI=1, as CI runs it: the workbench still draws, so its launch and its keys are timed.
    if ('skipped' in results.workbench) throw new Error('workbench was skipped');
    expect(results.workbench.firstFrame.failed).toBe(0);
    expect(results.workbench.firstFrame.firstRows.n).toBe(1);
    expect(results.workbench.keys.overall.n).toBeGreaterThan(results.workbench.keys.keys / 2);
    expect(results.tree.events).toBe(EVENTS);
    expect(existsSync(join(scratch, 'out', `results-${EVENTS}.json`))).toBe(true);
    // Every target is judged, except the DuckDB ratio that this run could not measure.
    expect(results.targets.filter((target) => target.met === null).map((target) => target.id)).toEqual(['ingest-vs-duckdb']);
  });

  it('gets the same answers from keytrail and jq, and the counts the generator wrote', () => {
    if (!Array.isArray(results.questions)) throw new Error('questions were skipped');
    const byId = new Map(results.questions.map((question) => [question.id, question]));
    for (const id of ['decrypt-per-principal', 'principal-ip-time', 'context'] as const) {
      const question = byId.get(id)!;
      expect(question.jq, id).toEqual(expect.objectContaining({ answer: question.keytrail.answer }));
      expect(question.keytrailProcess.answer, id).toEqual(question.keytrail.answer);
      if (question.expected) expect(question.keytrail.answer, id).toEqual(question.expected);
    }
    expect(byId.get('principal-ip-time')!.keytrail.answer.events).toBeGreaterThan(0);
  });

  it('writes PERFORMANCE.md with the targets, the machine, the commands and the detail tables', () => {
    const doc = readFileSync(join(scratch, 'out', 'PERFORMANCE.md'), 'utf8');
    for (const section of ['## Targets, 2,000 events', '## Machine', '## Commands', '## Measurements', '## The same questions, three ways',
      '## Windowed pages', '## Facet counts', '## Keypress to frame', '## Growth']) expect(doc).toContain(section);
    expect(doc).toContain(`${results.machine.cores} cores`);
  });

  it('--shape s3 measures one round of small deliveries and adds its section to the same document, leaving the rest', () => {
    const docPath = join(scratch, 'out', 'PERFORMANCE.md');
    const before = readFileSync(docPath, 'utf8');
    const s3 = spawnSync(process.execPath, [
      join(bundle, 'bench.js'), '--shape', 's3', '--files', '68', '--out', join(scratch, 's3-tree'), '--runs', '1',
      '--results', join(scratch, 'out', 'results-s3.json'), '--doc', docPath,
    ], { encoding: 'utf8', env: { ...process.env, KEYTRAIL_HOME: join(scratch, 'home'), CI: '1' }, timeout: 120_000 });
    expect(s3.status, String(s3.stderr)).toBe(0);
    const s3Results = JSON.parse(readFileSync(join(scratch, 'out', 'results-s3.json'), 'utf8')) as S3Results;
    expect(s3Results.tree.files).toBe(68);
    expect(s3Results.ingest.median.events).toBe(s3Results.tree.events);
    expect(s3Results.rerun.indexedFiles).toBe(0);
    expect(s3Results.targets.map((target) => target.id)).toEqual(['s3-ingest-vs-parse', 's3-rerun']);
    for (const target of s3Results.targets) expect(String(s3.stdout)).toContain(target.what);
    const doc = readFileSync(docPath, 'utf8');
    expect(doc).toContain('## Small files (`--shape s3`), 68 files');
    expect(doc.replace(/\n<!-- small files[^]*<!-- \/small files -->\n/, '')).toBe(before);
  }, 150_000);
});
