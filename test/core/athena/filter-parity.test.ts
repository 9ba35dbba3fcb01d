import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterToAthena } from '../../../src/core/athena/filter-query.js';
import { runDetections } from '../../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../../src/core/detect/config.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import { FILTER_FIELDS } from '../../../src/core/query/filter-fields.js';
import { readTrail } from './cloudtrail-table.js';
import { KeyExpectation } from './key-expectation.js';
import { duckdb, openParityBench, sortedIds, type ParityBench } from './parity.js';

/** sample-logs as delivered to S3 (account trail and organization trail: prod's incident night arrives twice). */
const TREE = 'sample-logs/AWSLogs';
const NOW = Date.parse('2026-11-21T12:00:00Z');

/** Filters whose SQL must return exactly the events keytrail's index returns, per filter field. */
const CASES: Record<string, string[]> = {
  principal: ['principal:*Alice*', 'principal:*exfil-session*', '-principal:*app-server*', 'principal:alice', 'principal:ALICE', 'principal:bob', '-principal:bob'],
  role: ['role:app-server', '-role:*AWSReservedSSO*'],
  event: ['event:Decrypt,GenerateDataKey', '-event:Decrypt', 'event:decrypt'],
  error: ['error:*', 'error:AccessDenied*', '-error:AccessDenied', '-error:*'],
  ip: ['ip:192.0.2.10', '-ip:10.0.0.0/8', 'ip:198.18.0.0/15', 'ip:*.amazonaws.com'],
  instance: ['instance:i-*', 'instance:i-0191dd1034ada3b19', '-instance:i-*'],
  ctx: ['ctx:*', 'ctx:customerId=cust-1*', '-ctx:*', 'ctx:aws:ebs:id=*'],
  volume: ['volume:*', 'volume:vol-0b2f42cd88d279ccc'],
  grant: ['grant:*', '-grant:*'],
  request: ['request:*a*', '-request:*0*'],
  accesskey: ['accesskey:ASIA*', 'accesskey:AKIA*'],
  account: ['account:444455556666', '-account:111122223333', 'account:222233334444'],
  alias: ['alias:alias/prod-data', 'alias:*payments*', '-alias:*'],
  enclave: ['enclave:*', '-enclave:*'],
  image: ['image:*', 'image:pcr0:*'],
  actor: ['actor:service', 'actor:human', 'actor:workload', 'actor:unknown', '-actor:service', 'actor:HUMAN,workload'],
  region: ['region:us-west-2', '-region:us-east-1', 'region:eu-*'],
  source: ['source:kms.amazonaws.com', 'source:S3*', '-source:kms.amazonaws.com'],
  kind: ['kind:api-call', '-kind:api-call', 'kind:service-event,console-signin', 'kind:network-activity'],
  since: ['since:2026-11-21T02:00Z', 'since:6h', 'since:2026-11-21 event:Decrypt'],
  until: ['until:2026-11-21', 'until:2026-11-20T18:00Z', 'since:2026-11-20T00:00Z until:2026-11-20T06:00:00Z'],
  id: ['id:1*', '-id:*a*'],
  // Bare words also search key ARNs (kms, an account), and the alias ARN of a call no alias history resolves (reports).
  text: ['prod', 'Exfil', '-payments', 'kms', '-kms', '111122223333', 'reports'],
};

describe.skipIf(duckdb === null)('Athena SQL of every filter field, run on an Athena-shaped table, returns keytrail\'s events', () => {
  let bench: ParityBench;
  let keys: KeyExpectation;
  const sqlIds = async (filter: string, options = {}): Promise<string[]> => sortedIds(await bench.rows(filterToAthena(filter, { now: NOW, db: bench.db, ...options })));

  beforeAll(async () => {
    bench = await openParityBench(TREE);
    runDetections(bench.db, { ...defaultDetectionConfig(), timeZone: 'Europe/Amsterdam' });
    keys = new KeyExpectation(readTrail(TREE).map(({ record }) => record));
  }, 120_000);
  afterAll(() => bench?.close());

  it('has a case for every field of keytrail help filters', () => {
    const covered = new Set([...Object.keys(CASES), 'key', 'hit']);
    expect(FILTER_FIELDS.map((field) => field.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const [field, filters] of Object.entries(CASES)) {
    it(`${field}: ${filters.join('  ')}`, async () => {
      for (const filter of filters) {
        const local = bench.localIds(filter, NOW);
        expect({ filter, ids: await sqlIds(filter) }).toEqual({ filter, ids: local });
      }
      // A field whose every case matched nothing would prove nothing.
      expect(bench.localIds(filters[0]!, NOW).length).toBeGreaterThan(0);
    });
  }

  it('request: and id: by exact value whatever its case, as the index looks them up', async () => {
    const [row] = await bench.rows("SELECT eventid, requestid FROM cloudtrail_logs WHERE eventname = 'Decrypt' ORDER BY eventid LIMIT 1");
    const id = String(row!.eventid);
    for (const filter of [`id:${id}`, `id:${id.toUpperCase()}`, `request:${String(row!.requestid).toUpperCase()}`, `-id:${id}`, `-id:${id.toUpperCase()}`]) {
      expect(await sqlIds(filter)).toEqual(bench.localIds(filter, NOW));
    }
  });

  it('hit: lists the events behind a local detection hit', async () => {
    const [hit] = listHits(bench.db, { rules: ['decrypt-failure-burst'] });
    expect(await sqlIds(`hit:${hit!.id}`)).toEqual(bench.localIds(`hit:${hit!.id}`));
    expect(() => filterToAthena(`hit:${hit!.id}`)).toThrow(/detection hit of a local index/);
  });

  it('key: by alias, key ARN and bare id, resolved from the trail alone, as the records define the key used, and as the index answers', { timeout: 60_000 }, async () => {
    const [arnRow] = await bench.rows("SELECT resources[1].arn AS arn FROM cloudtrail_logs WHERE eventname = 'Decrypt' AND len(resources) > 0 ORDER BY eventid LIMIT 1");
    const arn = String(arnRow!.arn);
    // alias/reports: refused Encrypts by an alias no history resolves, filed under the alias ARN.
    for (const value of ['alias/prod-data', 'alias/payments', 'alias/reports', 'arn:aws:kms:us-east-1:111122223333:alias/reports', arn, arn.slice(arn.indexOf(':key/') + 5)]) {
      const expected = keys.eventIds(value);
      expect(expected.length).toBeGreaterThan(0);
      expect({ value, ids: [...new Set(await sqlIds(`key:${value}`))] }).toEqual({ value, ids: expected });
      expect({ value, ids: [...new Set(bench.localIds(`key:${value}`))] }).toEqual({ value, ids: expected });
    }
  });
});
