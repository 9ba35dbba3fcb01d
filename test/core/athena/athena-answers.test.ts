import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterToAthena } from '../../../src/core/athena/filter-query.js';
import { eventsCtes } from '../../../src/core/athena/table-scheme.js';
import { readTrail } from './cloudtrail-table.js';
import { KeyExpectation } from './key-expectation.js';
import { duckdb, openParityBench, sortedIds, type ParityBench } from './parity.js';

const TREE = 'sample-logs/AWSLogs';

/** The questions a responder asks of a whole trail, answered on Athena as keytrail answers them. */
describe.skipIf(duckdb === null)('Athena answers on sample-logs', () => {
  let bench: ParityBench;
  const ids = async (filter: string, options = {}): Promise<string[]> => sortedIds(await bench.rows(filterToAthena(filter, options)));
  const same = async (filter: string): Promise<string[]> => {
    const found = await ids(filter);
    expect({ filter, found }).toEqual({ filter, found: bench.localIds(filter) });
    return found;
  };
  beforeAll(async () => {
    bench = await openParityBench(TREE);
  }, 120_000);
  afterAll(() => bench?.close());

  it('ignores case as the index does, and finds callers without an ARN by the name keytrail shows', async () => {
    expect(await same('principal:*Alice*')).toHaveLength(88);
    expect(await same('principal:*exfil-session*')).toHaveLength(18);
    const [row] = await bench.rows("SELECT useridentity.accountid || ':' || useridentity.principalid AS shown FROM cloudtrail_logs WHERE useridentity.type = 'AWSAccount' LIMIT 1");
    expect(await same(`principal:${String(row!.shown)}`)).not.toHaveLength(0);
  });

  it('keeps unknown values under a negation: callers without an ARN, service host names, successful calls', async () => {
    const noArn = sortedIds(await bench.rows("SELECT eventid FROM cloudtrail_logs WHERE useridentity.arn IS NULL"));
    const notApp = await same('-principal:*app-server*');
    expect(noArn.filter((id) => !notApp.includes(id))).toEqual([]);
    const hosts = sortedIds(await bench.rows("SELECT eventid FROM cloudtrail_logs WHERE sourceipaddress LIKE '%.amazonaws.com'"));
    expect(hosts.length).toBeGreaterThan(0);
    const outside = await same('-ip:10.0.0.0/8');
    expect(hosts.filter((id) => !outside.includes(id))).toEqual([]);
    expect((await same('-error:AccessDenied*')).length).toBeGreaterThan(7000);
  });

  it('until a day means to its end; until a second includes that second', async () => {
    const [last] = await bench.rows("SELECT eventid, eventtime FROM cloudtrail_logs WHERE eventtime < '2026-11-21T00:00:00Z' ORDER BY eventtime DESC LIMIT 1");
    expect(await same(`until:${String(last!.eventtime)}`)).toContain(String(last!.eventid));
    expect(await same(`until:${String(last!.eventtime).slice(0, 10)}`)).toContain(String(last!.eventid));
    expect(await same('since:2026-11-21 until:2026-11-21')).not.toHaveLength(0);
  });

  it('ctx: reads grant constraints too', async () => {
    const grants = await bench.rows("SELECT eventid, json_extract(requestparameters, '$.constraints') AS c FROM cloudtrail_logs WHERE json_extract(requestparameters, '$.constraints') IS NOT NULL LIMIT 1");
    const constraints = JSON.parse(String(grants[0]!.c)) as Record<string, Record<string, string>>;
    const [name, value] = Object.entries(Object.values(constraints)[0]!)[0]!;
    expect(await same(`ctx:${name}=${value}`)).toContain(String(grants[0]!.eventid));
  });

  it('resolves an alias from the trail alone, with no index on this host', async () => {
    const expected = new KeyExpectation(readTrail(TREE).map(({ record }) => record)).eventIds('alias/prod-data');
    expect([...new Set(await ids('key:alias/prod-data'))]).toEqual(expected);
    expect(expected.length).toBeGreaterThan(900);
  }, 60_000);

  it('prints no LIMIT unless asked: every match, as --limit 0 means locally', async () => {
    expect(filterToAthena('event:Decrypt')).not.toMatch(/LIMIT/);
    expect(filterToAthena('event:Decrypt', { limit: 0 })).not.toMatch(/LIMIT/);
    expect(await bench.rows(filterToAthena('event:Decrypt', { limit: 5 }))).toHaveLength(5);
    expect(await ids('event:Decrypt')).toHaveLength(bench.localIds('event:Decrypt').length);
  });

  it('prunes partitions by day and region, manual or projected, with the same answer', async () => {
    const filter = 'since:2026-11-20T23:30Z until:2026-11-21T01:00Z region:us-east-1 event:Decrypt';
    const expected = await same(filter);
    const pruning = { since: Date.parse('2026-11-20T23:30Z'), until: Date.parse('2026-11-21T01:00Z'), regions: [['us-east-1']] };
    const all = await bench.rows('SELECT count(*) AS n FROM cloudtrail_logs');
    for (const partitions of ['manual', 'projection', 'org'] as const) {
      const sql = filterToAthena(filter, { partitions });
      expect(sql).toContain(`${partitions === 'manual' ? "(year || '/' || month || '/' || day)" : '"timestamp"'} IN ('2026/11/20', '2026/11/21', '2026/11/22')`);
      expect(await ids(filter, { partitions })).toEqual(expected);
      const [read] = await bench.rows(`WITH ${eventsCtes({ partitions }, pruning)} SELECT count(*) AS n FROM trail`);
      expect(Number(read!.n)).toBeLessThan(Number(all[0]!.n) / 2);
    }
  });

  it('counts a record delivered by both the account trail and the organization trail once', async () => {
    const [records] = await bench.rows("SELECT count(*) AS n, count(DISTINCT eventid) AS d FROM cloudtrail_logs WHERE eventname = 'Decrypt'");
    expect(Number(records!.n)).toBeGreaterThan(Number(records!.d));
    expect(await ids('event:Decrypt')).toHaveLength(Number(records!.d));
  });

  it('keeps a hostile value a literal: it matches nothing and breaks nothing', async () => {
    for (const filter of [`principal:"x' OR 1=1 --"`, "ctx:\"a'b=c'\"", "event:Decrypt'); DROP TABLE cloudtrail_logs; --", 'key:alias/x\'y']) {
      expect(await ids(filter)).toEqual([]);
    }
    expect((await bench.rows('SELECT count(*) AS n FROM cloudtrail_logs'))[0]!.n).not.toBe('0');
  });

  it('lists the S3 objects holding the matching records, and only those', async () => {
    const paths = (await bench.rows(filterToAthena('principal:*exfil-session*', { paths: true }))).map((row) => String(row.$path));
    const holding = (await bench.rows(`SELECT DISTINCT "$path" AS p FROM cloudtrail_logs WHERE useridentity.principalid LIKE '%exfil-session%' OR useridentity.arn LIKE '%exfil-session%'`)).map((row) => String(row.p)).sort();
    expect(paths).toEqual(holding);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((path) => /^s3:\/\/trail-bucket\/AWSLogs\/.+\.json\.gz$/.test(path))).toBe(true);
  });
});
