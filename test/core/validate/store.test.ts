import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readIntegrity, storeIntegrity } from '../../../src/core/validate/store.js';
import { summarize } from '../../../src/core/validate/summary.js';
import type { FileIntegrity, ValidationReport } from '../../../src/core/validate/types.js';

function reportOf(files: FileIntegrity[]): ValidationReport {
  return { files, summary: summarize(files, { digests: 1, chainBreaks: [], signatureOutcomes: [], publicKeys: 0, keyProblems: [] }) };
}

const log = (file: string, status: FileIntegrity['status'], reason: string = status): FileIntegrity => ({
  file,
  kind: 'log',
  status,
  digest: 'AWSLogs/1/CloudTrail-Digest/d.json.gz',
  reason,
});

describe('storeIntegrity / readIntegrity', () => {
  it('returns nothing before any validation was stored', () => {
    expect(readIntegrity(new Database(':memory:'))).toEqual([]);
  });

  it('stores each verdict by path and replaces the previous run entirely', () => {
    const db = new Database(':memory:');
    storeIntegrity(db, reportOf([log('a.json.gz', 'valid'), log('b.json.gz', 'valid')]), 1_000);
    storeIntegrity(db, reportOf([log('b.json.gz', 'modified', 'SHA-256 differs'), log('c.json.gz', 'missing')]), 2_000);
    expect(readIntegrity(db)).toEqual([
      { path: 'b.json.gz', status: 'modified', digest: 'AWSLogs/1/CloudTrail-Digest/d.json.gz', reason: 'SHA-256 differs', checkedAt: 2_000 },
      { path: 'c.json.gz', status: 'missing', digest: 'AWSLogs/1/CloudTrail-Digest/d.json.gz', reason: 'missing', checkedAt: 2_000 },
    ]);
  });

  it('looks up only the paths asked for, in batches larger than one statement takes', () => {
    const db = new Database(':memory:');
    const files = Array.from({ length: 1_200 }, (_, i) => log(`f${String(i).padStart(4, '0')}.json.gz`, i === 1_100 ? 'modified' : 'valid'));
    storeIntegrity(db, reportOf(files));
    const wanted = files.filter((_, i) => i % 100 === 0).map((file) => file.file);
    const rows = readIntegrity(db, [...wanted, 'not-stored.json.gz']);
    expect(rows.map((row) => row.path)).toEqual(wanted);
    expect(rows.find((row) => row.path === 'f1100.json.gz')?.status).toBe('modified');
  });

  it('leaves the previous results in place when the new run cannot be stored', () => {
    const db = new Database(':memory:');
    storeIntegrity(db, reportOf([log('a.json.gz', 'valid')]), 1_000);
    const broken = reportOf([log('b.json.gz', 'valid'), { ...log('c.json.gz', 'valid'), reason: null as unknown as string }]);
    expect(() => storeIntegrity(db, broken, 2_000)).toThrow();
    expect(readIntegrity(db).map((row) => row.path)).toEqual(['a.json.gz']);
  });
});
