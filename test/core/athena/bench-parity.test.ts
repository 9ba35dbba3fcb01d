import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterToAthena } from '../../../src/core/athena/filter-query.js';
import { ruleToAthena } from '../../../src/core/athena/rule-query.js';
import { defaultDetectionConfig } from '../../../src/core/detect/config.js';
import { runDetections } from '../../../src/core/detect/engine.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import { eventIdForUid } from '../../../src/core/query/event-detail.js';
import { generateBenchTree } from '../../../src/gen/index.js';
import { duckdb, openParityBench, sortedIds, type ParityBench } from './parity.js';

/** The benchmark's generator at a small size: other principals, keys, contexts and services than sample-logs. */
const FILTERS = ['principal:*a*', '-principal:*role*', 'role:*', '-ip:10.0.0.0/8', 'ip:*.amazonaws.com', 'actor:service', 'actor:human', 'actor:workload',
  '-actor:workload', 'ctx:*', '-ctx:*', 'instance:i-*', 'grant:*', 'event:Decrypt,Encrypt', '-error:*', 'error:*', 'region:us-*', 'source:kms*',
  'account:1*', 'accesskey:AKIA*', 'alias:*', 'volume:*', 'enclave:*', 'image:*', 'request:*b*', 'a1', 'kms', 'principal:*@*'];
const RULES = ['decrypt-failure-burst', 'key-deletion', 'key-policy-change', 'key-material-import', 'grant-external', 'data-key-volume', 'off-hours',
  'new-principal-for-key', 'cross-account', 'kms-excluded-from-trail', 'new-source-ip', 'enclave-image'];

describe.skipIf(duckdb === null)('Athena SQL on a generated benchmark tree', () => {
  let bench: ParityBench;
  let root = '';
  const config = defaultDetectionConfig();
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kt-athena-bench-'));
    await generateBenchTree({ events: 6_000, outDir: join(root, 'tree'), seed: 7, workers: 0 });
    bench = await openParityBench(join(root, 'tree', readdirSync(join(root, 'tree')).find((name) => name === 'AWSLogs') ?? 'AWSLogs'));
    runDetections(bench.db, config);
  }, 180_000);
  afterAll(() => {
    bench?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('every filter returns the index\'s events', async () => {
    for (const filter of FILTERS) {
      expect({ filter, ids: sortedIds(await bench.rows(filterToAthena(filter))) }).toEqual({ filter, ids: bench.localIds(filter) });
    }
  }, 120_000);

  it('every rule returns the events of the index\'s hits', async () => {
    const differ: string[] = [];
    for (const rule of RULES) {
      const local = [...new Set(listHits(bench.db, { rules: [rule], withEvents: true }).flatMap((hit) => hit.eventIDs.map((uid) => eventIdForUid(bench.db, uid))))].sort();
      const rows = await bench.rows(ruleToAthena(rule, { config }));
      const sql = [...new Set(rows.flatMap((row) => (row.eventids as string[] | null) ?? []))].sort();
      if (JSON.stringify(sql) !== JSON.stringify(local)) differ.push(`${rule} sql ${sql.length} local ${local.length} extra ${sql.filter((id) => !local.includes(id)).length} missing ${local.filter((id) => !sql.includes(id)).length}`);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});
