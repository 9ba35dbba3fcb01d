import { describe, expect, it } from 'vitest';
import { orgTrailDdl } from '../../../src/core/athena/ddl.js';
import { COLUMNS } from './cloudtrail-table.js';

const SPEC = { bucket: 'org-trail-logs', orgId: 'o-7k2m9q4x1z', accounts: ['111122223333', '444455556666'], regions: ['us-east-1', 'eu-west-1'], since: '2026/01/01' };

describe('keytrail athena ddl', () => {
  it("prints AWS's CloudTrail table for an organization trail, partitions projected from the S3 layout", () => {
    const ddl = orgTrailDdl(SPEC);
    expect(ddl).toContain("LOCATION 's3://org-trail-logs/AWSLogs/o-7k2m9q4x1z/'");
    expect(ddl).toContain('PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)');
    expect(ddl).toContain("'storage.location.template' = 's3://org-trail-logs/AWSLogs/o-7k2m9q4x1z/${account}/CloudTrail/${region}/${timestamp}'");
    expect(ddl).toContain("'projection.account.values' = '111122223333,444455556666'");
    expect(ddl).toContain("'projection.timestamp.range' = '2026/01/01,NOW'");
  });

  it('declares the columns the tests load, so the tested table is the printed one', () => {
    const declared = [...orgTrailDdl(SPEC).matchAll(/^ {2}([a-z]+) (?:STRING|STRUCT|ARRAY)/gm)].map((match) => match[1]);
    const loaded = Object.keys(COLUMNS).filter((name) => !['region', 'year', 'month', 'day', 'account', 'timestamp', '$path'].includes(name));
    expect(loaded.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('refuses what would not be a bucket, an organization, an account or a region', () => {
    expect(() => orgTrailDdl({ ...SPEC, bucket: "x'; DROP" })).toThrow(/bucket/);
    expect(() => orgTrailDdl({ ...SPEC, orgId: '111122223333' })).toThrow(/organization/);
    expect(() => orgTrailDdl({ ...SPEC, accounts: ['1111'] })).toThrow(/"1111"/);
    expect(() => orgTrailDdl({ ...SPEC, regions: [] })).toThrow(/regions/);
  });
});
