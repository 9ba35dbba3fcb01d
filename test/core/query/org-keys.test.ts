import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTree, type TreeReport } from '../../../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { compileFilterOrThrow } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import type { OrgRecord } from '../../../src/gen/org/org-records.js';
import { writeOrgTree, type OrgTruth } from '../../../src/gen/org/org-tree.js';
import type { OrgAlias } from '../../../src/gen/org/org-world.js';

/**
 * An organization's trail: 3 accounts x 3 regions, alias names reused in every account and
 * region, a re-pointed alias, a deleted and re-created alias, a multi-Region key, 20% of records
 * delivered twice, records sharing an eventID, endpoint-policy denials. What each filter must
 * return comes from the generator's own record of which key each call used.
 */
let root: string;
let db: IndexDb;
let truth: OrgTruth;
let report: TreeReport;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keytrail-org-'));
  truth = writeOrgTree({ events: 100_000, seed: 14, outDir: join(root, 'logs'), duplicateShare: 0.2 });
  db = openIndex(join(root, 'index.db'));
  report = await ingestTree(db, join(root, 'logs'), { final: true });
  // About a minute alone; several when the whole suite shares two cores.
}, 600_000);
afterAll(() => {
  db?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A record as both sides can name it: its eventID and its outcome (records sharing an eventID differ there). */
const recordId = (eventID: unknown, errorCode: unknown) => `${String(eventID)}|${String(errorCode ?? '')}`;

function expected(keep: (record: OrgRecord) => boolean): string[] {
  return truth.records.filter(keep).map((entry) => recordId(entry.record.eventID, entry.record.errorCode)).sort();
}

function found(filter: string): string[] {
  return [...iterateEvents(db, compileFilterOrThrow(db, filter))].map((row) => recordId(row.eventID, row.errorCode)).sort();
}

/** The keys an alias named over its history, and its own uses when it named none. */
function aliasEvents(aliases: OrgAlias[]): (record: OrgRecord) => boolean {
  const keys = new Set(aliases.flatMap((alias) => alias.history.flatMap((span) => (span.key ? [span.key.arn] : []))));
  const arns = new Set(aliases.map((alias) => alias.arn));
  return (record) => (record.key !== null && keys.has(record.key)) || (record.key === null && arns.has(record.aliasOnly!));
}

describe('an organization trail', () => {
  it('holds each record content once, whichever trail delivered it and in whatever key order', () => {
    expect(truth.records.length).toBeGreaterThanOrEqual(100_000);
    expect(report.events).toBe(truth.records.length);
    expect(report.duplicates).toBe(truth.deliveries - truth.records.length);
    expect(report.duplicates).toBeGreaterThan(15_000);
    expect(found('').length).toBe(truth.records.length);
  });

  it('keeps records that share an eventID but differ in outcome apart', () => {
    const perId = new Map<unknown, number>();
    for (const entry of truth.records) perId.set(entry.record.eventID, (perId.get(entry.record.eventID) ?? 0) + 1);
    expect([...perId.values()].filter((count) => count > 1).length).toBeGreaterThan(1000);
    expect(found('error:AccessDeniedException')).toEqual(expected((entry) => entry.record.errorCode === 'AccessDeniedException'));
  });

  it('gives every key ARN exactly the events that used that key', () => {
    expect(truth.world.keys.length).toBe(25);
    for (const key of truth.world.keys) {
      const want = expected((entry) => entry.key === key.arn);
      expect(want.length, key.arn).toBeGreaterThan(500);
      expect(found(`key:${key.arn}`), key.arn).toEqual(want);
    }
  });

  it('gives an alias ARN the keys that one alias named over time, in its own account and region only', () => {
    for (const alias of truth.world.aliases) {
      expect(found(`key:${alias.arn}`), alias.arn).toEqual(expected(aliasEvents([alias])));
    }
  });

  it('gives an alias name every key it named in any account and region', () => {
    for (const name of ['alias/aws/ebs', 'alias/app-data', 'alias/rotating', 'alias/temp', 'alias/sessions']) {
      const named = truth.world.aliases.filter((alias) => alias.name === name);
      expect(found(`key:${name}`), name).toEqual(expected(aliasEvents(named)));
    }
  });

  it('gives a bare key id every key with that id: all replicas of a multi-Region key, one key otherwise', () => {
    const replicas = truth.world.keys.filter((key) => key.id.startsWith('mrk-'));
    expect(replicas.map((key) => key.region).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    const arns = new Set(replicas.map((key) => key.arn));
    expect(found(`key:${replicas[0]!.id}`)).toEqual(expected((entry) => entry.key !== null && arns.has(entry.key)));
    const plain = truth.world.keys[0]!;
    expect(found(`key:${plain.id}`)).toEqual(expected((entry) => entry.key === plain.arn));
  });

  it('tells network-activity records from API calls', () => {
    expect(found('kind:network-activity')).toEqual(expected((entry) => entry.networkActivity));
    const key = truth.world.keys[3]!;
    expect(found(`key:${key.arn} -kind:network-activity`)).toEqual(expected((entry) => entry.key === key.arn && !entry.networkActivity));
  });
});
