import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TreeReport } from '../../../src/core/index/ingest-tree.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { copyInto, makeScratch, type Scratch } from '../../helpers/temp-index.js';

/** Records present per source, as the corpus's own README counts them (written by someone else). */
const RECORDS_PER_SOURCE: Record<string, number> = {
  'stratus-red-team': 310,
  'awsdocs-kms-developer-guide': 76 + 48,
  'awsdocs-cloudtrail-user-guide': 20,
  streamalert: 57,
  'otrf-security-datasets': 103,
  suzaku: 33,
  plaso: 6,
  'aws-cli-examples': 1,
  cloudgrep: 3,
  trailscraper: 7,
};
/** Public CloudTrail samples kept beside a checkout (not shipped with the repository); without them this file skips. */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);
if (!HAS_CORPUS) console.warn(`test/core/index/corpus.test.ts: skipped, no public CloudTrail corpus at ${CORPUS}`);

let scratch: Scratch;
let db: IndexDb;
let report: TreeReport;

beforeAll(async () => {
  if (!HAS_CORPUS) return;
  scratch = makeScratch();
  copyInto(scratch, CORPUS);
  ({ db, report } = await scratch.index());
});
afterAll(() => scratch?.cleanup());

function perSource(): Map<string, { events: number; duplicates: number; rejected: number }> {
  const rows = db.prepare('SELECT path, events_added AS events, duplicates, rejected FROM files').all() as Array<{ path: string; events: number; duplicates: number; rejected: number }>;
  const totals = new Map<string, { events: number; duplicates: number; rejected: number }>();
  for (const row of rows) {
    const source = row.path.split('/')[0]!;
    const total = totals.get(source) ?? { events: 0, duplicates: 0, rejected: 0 };
    total.events += row.events;
    total.duplicates += row.duplicates;
    total.rejected += row.rejected;
    totals.set(source, total);
  }
  return totals;
}

describe.skipIf(!HAS_CORPUS)('the public corpus', () => {
  it('accounts for every record of every source: indexed + duplicates + rejected = present', () => {
    const totals = perSource();
    for (const [source, present] of Object.entries(RECORDS_PER_SOURCE)) {
      const total = totals.get(source);
      expect({ source, accounted: (total?.events ?? 0) + (total?.duplicates ?? 0) + (total?.rejected ?? 0) }).toEqual({ source, accounted: present });
    }
    expect(report.failed).toEqual([]);
  });

  it('recognises digests and public-key lists as not events, and reports the truncated file', () => {
    const kinds = Object.fromEntries(report.notLogs.map((item) => [item.file, item.kind]));
    expect(kinds['awsdocs-cloudtrail-user-guide/digest-example-line28.json']).toBe('digest');
    expect(kinds['awsdocs-cloudtrail-user-guide/digest-example-line135.json']).toBe('digest');
    expect(kinds['awsdocs-cloudtrail-user-guide/list-public-keys-example-line96.json']).toBe('public-keys');
    expect(kinds['aws-cli-examples/list-public-keys-output.json']).toBe('public-keys');
    expect(report.rejected.map((item) => item.file)).toEqual(['cloudgrep/bad_cloudtrail.json']);
  });

  it('keeps every source file of a duplicate delivery (trailscraper .json and .json.gz)', () => {
    const files = db.prepare(`SELECT f.path FROM events e JOIN event_sources s ON s.seq = e.seq JOIN files f ON f.id = s.file_id
      WHERE e.uid = 'a0ed971f-389f-406a-9fcf-887c5ca6903a'`).pluck().all() as string[];
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it('indexes events with no eventTime (Logstash export) and keeps them, without inventing a time', () => {
    const otrf = db.prepare("SELECT count(*) FROM events e JOIN files f ON f.id = e.file_id WHERE f.path LIKE 'otrf-security-datasets/%' AND e.time > 0").pluck().get();
    expect(otrf).toBe(103);
    const placeholders = db.prepare("SELECT count(*) FROM events WHERE time = 0").pluck().get() as number;
    expect(placeholders).toBeGreaterThan(0);
  });

  it('reads every corpus folder (no source silently missing)', () => {
    const folders = readdirSync(CORPUS, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(Object.keys(RECORDS_PER_SOURCE).sort());
  });
});
