import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { peakRssBytes } from './child.js';
import type { Answer, Question } from './questions.js';
import { median } from './stats.js';

/** DuckDB is an optional peer, never a dependency: installed beside the repo or pointed to by this variable. */
export const DUCKDB_ENV = 'KEYTRAIL_BENCH_DUCKDB';
export const DUCKDB_SKIPPED = `skipped: @duckdb/node-api not installed (npm i --no-save @duckdb/node-api, or set ${DUCKDB_ENV} to a folder where it is installed)`;

/** Where @duckdb/node-api resolves from: $KEYTRAIL_BENCH_DUCKDB's folder first, then the repository's node_modules. */
export function locateDuckdb(): string | null {
  const bases = [process.env[DUCKDB_ENV], process.cwd()].filter((base): base is string => Boolean(base));
  for (const base of bases) {
    try {
      return createRequire(join(base, 'package.json')).resolve('@duckdb/node-api');
    } catch {
      // Not installed there.
    }
  }
  return null;
}

export interface DuckdbInput {
  modulePath: string;
  dir: string;
  questions: Question[];
  runs: number;
}

export interface DuckdbResult {
  version: string;
  loadSeconds: number;
  events: number;
  eventsPerSecond: number;
  peakRssBytes: number;
  questions: Array<{ id: string; medianMs: number; answer: Answer }>;
}

/** The subset of @duckdb/node-api used here (it is loaded at run time, so no types from it). */
interface DuckConnection {
  run(sql: string, values?: Record<string, string>): Promise<unknown>;
  runAndReadAll(sql: string, values?: Record<string, string>): Promise<{ getRows(): unknown[][] }>;
}

async function connect(modulePath: string): Promise<DuckConnection> {
  const duckdb = (await import(pathToFileURL(modulePath).href)) as { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> } };
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  return instance.connect();
}

async function answer(connection: DuckConnection, question: Question): Promise<Answer> {
  const rows = (await connection.runAndReadAll(question.sql.text, question.sql.params)).getRows();
  if (question.shape === 'events') return { events: rows.length };
  return { events: rows.reduce((sum, row) => sum + Number(row[1]), 0), groups: rows.length };
}

/** Loads the tree the fastest way measured (`Records: 'JSON[]'`, one JSON value per event), then asks each question. */
export async function duckdbQuestions(input: DuckdbInput): Promise<DuckdbResult> {
  const connection = await connect(input.modulePath);
  const glob = join(input.dir, '**', '*.json.gz').replaceAll("'", "''");
  const started = performance.now();
  await connection.run(`CREATE TABLE records AS SELECT unnest(Records) AS e FROM read_json('${glob}', columns = {Records: 'JSON[]'})`);
  const loadSeconds = (performance.now() - started) / 1000;
  const events = Number((await connection.runAndReadAll('SELECT count(*) FROM records')).getRows()[0]?.[0] ?? 0);
  const version = String((await connection.runAndReadAll('SELECT version()')).getRows()[0]?.[0] ?? '?');
  const questions: DuckdbResult['questions'] = [];
  for (const question of input.questions) {
    const times: number[] = [];
    let last: Answer = { events: 0 };
    for (let run = 0; run < input.runs; run++) {
      const begun = performance.now();
      last = await answer(connection, question);
      times.push(performance.now() - begun);
    }
    questions.push({ id: question.id, medianMs: Math.round(median(times) * 100) / 100, answer: last });
  }
  return {
    version, loadSeconds: Math.round(loadSeconds * 100) / 100, events, eventsPerSecond: Math.round(events / loadSeconds),
    peakRssBytes: peakRssBytes(), questions,
  };
}
