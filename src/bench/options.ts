import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_SAMPLES, QUICK_SAMPLES, type Samples } from './samples.js';
import { repoPath } from './self.js';

/** The parts of the benchmark, in the order they run; `--only` picks some (an index is built when needed). */
export const SECTIONS = ['ingest', 'questions', 'pages', 'aggregates', 'live', 'workbench'] as const;
export type Section = (typeof SECTIONS)[number];

/** The tree measured: the default (large Records files) or `s3`, many small deliveries as `aws s3 sync` leaves a trail. */
export const SHAPES = ['default', 's3'] as const;
export type Shape = (typeof SHAPES)[number];
/** The s3 shape's default size: about a week of one account in 17 regions, or a day and a half of four. */
export const S3_DEFAULT_FILES = 30_000;

export interface BenchOptions {
  shape: Shape;
  /** Default shape: the tree's events. The s3 shape has as many events as its deliveries hold. */
  events: number;
  /** s3 shape: the delivery files wanted (whole 5-minute rounds of every stream, so a few more). */
  files: number;
  runs: number;
  seed: number;
  skipJq: boolean;
  skipDuckdb: boolean;
  /** The generated tree: reused when its manifest matches, generated when the folder is absent or empty. */
  treeDir: string;
  /** An existing index to copy instead of a cold ingest (development runs; no ingest figures). */
  index: string | null;
  resultsPath: string;
  /** Null: no PERFORMANCE.md (runs smaller than the documented size do not overwrite it). */
  docPath: string | null;
  sections: ReadonlySet<Section>;
  samples: Samples;
  /** Measure nothing: print the tables and write the document again from an earlier results file. */
  fromResults: string | null;
}

export const USAGE = `Usage: npm run bench -- [--events N] [--runs N] [--skip-jq] [--skip-duckdb] [--out DIR]
                      [--seed N] [--index DB] [--results FILE] [--doc FILE] [--only ${SECTIONS.join(',')}] [--quick]
                      [--from-results FILE]
       npm run bench -- --shape s3 [--files N] [--runs N] [--seed N] [--out DIR] [--results FILE] [--doc FILE] [--from-results FILE]
Generates (or reuses) a deterministic tree of N events (default 1,000,000) outside the repository, measures
keytrail against gzip -dc | jq and DuckDB, prints the table, writes bench-out/results.json and, for
1,000,000 events or more, regenerates docs/PERFORMANCE.md. --quick takes one or two samples of each figure.
--from-results FILE measures nothing: it prints the tables and rewrites the document from an earlier run.
--shape s3 measures small files instead: a tree of N 5-minute deliveries (default 30,000) from 4 accounts in
17 regions, most holding 0-10 events. It times cold ingests against read+gunzip+parse of the same files
and an unchanged rerun of \`keytrail index\`, writes bench-out/results-s3.json and, for 30,000 files or more,
rewrites only the small-files section of docs/PERFORMANCE.md.`;

function positiveInteger(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
}

function sectionsFrom(text: string | undefined): Set<Section> {
  if (!text) return new Set(SECTIONS);
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  return new Set(names as Section[]);
}

/** The documented runs are 1M events and 30k small files: smaller runs write their own file unless --doc says otherwise. */
function docPathFor(documented: boolean, given: string | undefined): string | null {
  if (given) return resolve(given);
  return documented ? repoPath('docs/PERFORMANCE.md') : null;
}

function shapeFrom(text: string | undefined): Shape {
  if (!(SHAPES as readonly string[]).includes(text ?? 'default')) throw new Error(`--shape must be one of ${SHAPES.join(', ')}, got ${text}`);
  return (text ?? 'default') as Shape;
}

/** The s3 shape measures the ingest only: refuses the options that belong to the other sections. */
function checkS3Options(values: Record<string, unknown>): void {
  const foreign = ['events', 'index', 'skip-jq', 'skip-duckdb', 'quick'].filter((name) => values[name] !== undefined && values[name] !== false);
  if (foreign.length > 0) throw new Error(`--shape s3 measures the ingest of small files only; it takes no ${foreign.map((name) => `--${name}`).join(', ')}`);
  if (values.only !== undefined && values.only !== 'ingest') throw new Error('--shape s3 measures the ingest only: --only ingest is all it takes');
}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      shape: { type: 'string' }, files: { type: 'string' }, events: { type: 'string' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' },
      'skip-jq': { type: 'boolean', default: false }, 'skip-duckdb': { type: 'boolean', default: false },
      out: { type: 'string' }, index: { type: 'string' }, results: { type: 'string' }, doc: { type: 'string' }, only: { type: 'string' },
      quick: { type: 'boolean', default: false }, 'from-results': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const shape = shapeFrom(values.shape);
  if (shape === 's3') checkS3Options(values);
  else if (values.files !== undefined) throw new Error('--files sizes the s3 shape: add --shape s3, or use --events');
  const events = positiveInteger(values.events ?? '1000000', 'events');
  const files = positiveInteger(values.files ?? String(S3_DEFAULT_FILES), 'files');
  const s3 = shape === 's3';
  return {
    shape,
    events,
    files,
    runs: positiveInteger(values.runs, 'runs'),
    seed: positiveInteger(values.seed, 'seed'),
    skipJq: values['skip-jq'] === true,
    skipDuckdb: values['skip-duckdb'] === true,
    treeDir: resolve(values.out ?? join(tmpdir(), s3 ? `keytrail-bench-s3-${files}` : `keytrail-bench-${events}`)),
    index: values.index ? resolve(values.index) : null,
    resultsPath: resolve(values.results ?? repoPath(s3 ? 'bench-out/results-s3.json' : 'bench-out/results.json')),
    docPath: docPathFor(s3 ? files >= S3_DEFAULT_FILES : events >= 1_000_000, values.doc),
    sections: sectionsFrom(values.only ?? (s3 ? 'ingest' : undefined)),
    samples: values.quick ? QUICK_SAMPLES : FULL_SAMPLES,
    fromResults: values['from-results'] ? resolve(values['from-results']) : null,
  };
}
