import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ingestTree } from '../../../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { compileFilterOrThrow } from '../../../src/core/query/filter-compile.js';
import { matchingSeqsSql } from '../../../src/core/query/match-sql.js';
import { eventIdOfRow } from '../../../src/core/index/event-id.js';
import { loadTrailTable } from './cloudtrail-table.js';
import { toDuckDb } from './duckdb-dialect.js';

/** DuckDB is a dev dependency; without it the parity tests skip and say why. */
export const duckdb = await import('@duckdb/node-api').catch((error: unknown) => {
  console.warn(`Athena parity tests skipped: @duckdb/node-api is not installed (${String(error)}); run npm ci`);
  return null;
});

/** One log tree, indexed by keytrail and loaded into the Athena-shaped table. */
export interface ParityBench {
  db: IndexDb;
  sql: DuckDBConnection;
  records: number;
  /** Rows of the SQL as printed, run on DuckDB through the dialect layer. */
  rows(sql: string): Promise<Array<Record<string, unknown>>>;
  /** The eventIDs keytrail's own filter returns. */
  localIds(filter: string, now?: number): string[];
  close(): void;
}

export async function openParityBench(logs: string): Promise<ParityBench> {
  const scratch = mkdtempSync(join(tmpdir(), 'kt-athena-'));
  const db = openIndex(join(scratch, 'index.db'));
  // A copy whose paths keep their AWSLogs/ prefix, as a downloaded trail has them (delivery streams are read from it).
  cpSync(logs, join(scratch, 'logs', 'AWSLogs'), { recursive: true });
  await ingestTree(db, join(scratch, 'logs'), { final: true });
  const instance = await duckdb!.DuckDBInstance.create(':memory:');
  const sql = await instance.connect();
  const records = await loadTrailTable(sql, logs, scratch);
  return {
    db, sql, records,
    async rows(text) {
      const reader = await sql.runAndReadAll(toDuckDb(text));
      return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
    },
    localIds(filter, now) {
      const compiled = compileFilterOrThrow(db, filter, now === undefined ? {} : { now });
      if (compiled.matchesNothing) return [];
      const matching = matchingSeqsSql(compiled);
      const rows = db.prepare(`SELECT uid, fingerprint FROM events WHERE seq IN (SELECT seq FROM (${matching.sql}))`).all(...matching.params) as Array<{ uid: string; fingerprint: number }>;
      return rows.map((row) => eventIdOfRow(row.uid, row.fingerprint)).sort();
    },
    close() {
      sql.closeSync();
      db.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export const sortedIds = (rows: Array<Record<string, unknown>>, column = 'eventid'): string[] => rows.map((row) => String(row[column])).sort();
