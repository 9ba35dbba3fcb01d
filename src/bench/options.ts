import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_SAMPLES, QUICK_SAMPLES, type Samples } from './samples.js';
import { repoPath } from './self.js';

/** The parts of the benchmark, in the order they run; `--only` picks some (an index is built when needed). */
export const SECTIONS = ['ingest', 'questions', 'pages', 'aggregates', 'live', 'workbench'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  events: number;
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
Generates (or reuses) a deterministic tree of N events (default 1,000,000) outside the repository, measures
keytrail against gzip -dc | jq and DuckDB, prints the table, writes bench-out/results.json and, for
1,000,000 events or more, regenerates docs/PERFORMANCE.md. --quick takes one or two samples of each figure.
--from-results FILE measures nothing: it prints the tables and rewrites the document from an earlier run.`;

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

/** The documented run is 1M events: smaller runs write their own file unless --doc says otherwise. */
function docPathFor(events: number, given: string | undefined): string | null {
  if (given) return resolve(given);
  return events >= 1_000_000 ? repoPath('docs/PERFORMANCE.md') : null;
}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' },
      'skip-jq': { type: 'boolean', default: false }, 'skip-duckdb': { type: 'boolean', default: false },
      out: { type: 'string' }, index: { type: 'string' }, results: { type: 'string' }, doc: { type: 'string' }, only: { type: 'string' },
      quick: { type: 'boolean', default: false }, 'from-results': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const events = positiveInteger(values.events, 'events');
  return {
    events,
    runs: positiveInteger(values.runs, 'runs'),
    seed: positiveInteger(values.seed, 'seed'),
    skipJq: values['skip-jq'] === true,
    skipDuckdb: values['skip-duckdb'] === true,
    treeDir: resolve(values.out ?? join(tmpdir(), `keytrail-bench-${events}`)),
    index: values.index ? resolve(values.index) : null,
    resultsPath: resolve(values.results ?? repoPath('bench-out/results.json')),
    docPath: docPathFor(events, values.doc),
    sections: sectionsFrom(values.only),
    samples: values.quick ? QUICK_SAMPLES : FULL_SAMPLES,
    fromResults: values['from-results'] ? resolve(values['from-results']) : null,
  };
}
