import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExampleIndex, EXAMPLE_GENERATED_AT, EXAMPLE_TITLE } from '../../../scripts/example-incident.js';
import { exportIncident, type ExportResult } from '../../../src/core/export/export-incident.js';
import { loadEvidence } from '../../../src/core/findings/evidence.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { listFindings } from '../../../src/core/findings/store.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const DOC = join(repoRoot, 'docs', 'example-incident.md');

/** Every event behind a finding, counted here independently of the export: a filter's by running it. */
function findingUids(db: IndexDb): Map<number, string[]> {
  return new Map(listFindings(db).map((finding) => {
    if (finding.kind === 'filter') return [finding.id, [...iterateEvents(db, compileFilter(db, finding.reference))].map((row) => row.uid)];
    return [finding.id, loadEvidence(db, finding, DEFAULT_SOURCES).rows.map((row) => row.uid)];
  }));
}

describe('the sample-logs incident note (docs/example-incident.md)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'keytrail-example-test-'));
  let db: IndexDb;
  let written: ExportResult;
  beforeAll(async () => {
    db = await buildExampleIndex(repoRoot, join(scratch, 'example.db'));
    written = exportIncident(db, { title: EXAMPLE_TITLE, notePath: join(scratch, 'example-incident.md'), logsDir: 'sample-logs', now: EXAMPLE_GENERATED_AT });
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('fits a channel: at most 150 lines and 25 KB', () => {
    const note = readFileSync(written.notePath, 'utf8');
    expect(note.split('\n').length - 1).toBeLessThanOrEqual(150);
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(25 * 1024);
    expect(written.lines).toBe(note.split('\n').length - 1);
  });

  it('puts every event of every finding in the evidence file, with ids, files and integrity', () => {
    const records = readFileSync(written.evidencePath, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const byUid = new Map(records.map((record) => [record.uid, record]));
    expect(byUid.size).toBe(records.length);
    for (const [id, uids] of findingUids(db)) {
      expect(uids.length, `finding ${id}`).toBeGreaterThan(0);
      for (const uid of uids) expect(byUid.get(uid)?.findings, `finding ${id} event ${uid}`).toContain(id);
    }
    // The data-key flood alone is 270 events: all of them, not the first 50 a finding lists.
    expect(records.filter((record) => record.findings.includes(3))).toHaveLength(270);
    for (const record of records) {
      expect(record.requestID).toBeTruthy();
      expect(record.files.length).toBeGreaterThan(0);
      for (const file of record.files) expect(['unverifiable', 'not checked']).toContain(file.integrity);
    }
  });

  it('tells the attack, not its surroundings: window, actors, and what is still open', () => {
    const note = readFileSync(written.notePath, 'utf8');
    expect(note).toContain('2026-11-21T01:58:40Z to 04:19:36Z (2 h 21 min)');
    const who = note.split('\n').find((line) => line.startsWith('- **Who:**'))!;
    expect(who).toContain('user/deploy-bot');
    expect(who).not.toMatch(/alice|bob|ec2-infrastructure/);
    expect(note.match(/^\d+\. \*\*(.+?):\*\*/gm)).toEqual([
      '1. **Grant never retired or revoked:**', '2. **Key policy lets another account in:**', '3. **Automatic rotation off:**',
    ]);
    expect(note).toMatch(/deletion of `alias\/payments` cancelled by/);
    // A timeline of moments: the flood's first run is one line with its count and window.
    expect(note).toContain('- 2026-11-21T02:25:05Z to 03:13:51Z 260× `GenerateDataKey` by `user/deploy-bot` on `alias/prod-data` from `203.0.113.66`; e.g. ');
    expect(note).toMatch(/access key `AKIAZMMOWUFHTCJAE3JR` deactivated by/);
  });

  const hasJq = spawnSync('jq', ['--version']).status === 0;
  if (!hasJq) console.log('skipped: the reproduce commands that read the evidence file need jq, which is not installed');
  it.skipIf(!hasJq)('reproduce commands that read ids from the evidence file get exactly the finding\'s events', () => {
    const note = readFileSync(written.notePath, 'utf8');
    const commands = [...note.matchAll(/"id:\$\((jq -r 'select\(any\(\.findings\[\]; \. == (\d+)\)\)[^`]*)\)"`/g)];
    expect(commands.length).toBeGreaterThan(0);
    const uids = findingUids(db);
    for (const [, pipeline, id] of commands) {
      const listed = execFileSync('sh', ['-c', pipeline!], { cwd: scratch, encoding: 'utf8' }).trim().split(',');
      expect(new Set(listed), `finding ${id}`).toEqual(new Set(uids.get(Number(id))));
    }
  });

  it('is what docs/example-incident.md holds (regenerate: npx tsx scripts/gen-example-incident.ts)', () => {
    expect(readFileSync(written.notePath, 'utf8')).toBe(readFileSync(DOC, 'utf8'));
    expect(readFileSync(written.evidencePath, 'utf8')).toBe(readFileSync(`${DOC}.evidence.jsonl`, 'utf8'));
  });
});
