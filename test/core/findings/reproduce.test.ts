import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCommand } from '../../../src/cli/commands/query-command.js';
import { runCommand } from '../../../src/cli/run.js';
import { defaultIndexPath } from '../../../src/cli/index-location.js';
import { buildIncident, type IncidentExport } from '../../../src/core/export/build-report.js';
import { loadEvidence } from '../../../src/core/findings/evidence.js';
import { markFinding } from '../../../src/core/findings/mark.js';
import { reproduceEvents, reproduceFinding } from '../../../src/core/findings/reproduce.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { removeFinding } from '../../../src/core/findings/store.js';
import { findEventSeq } from '../../../src/core/query/event-detail.js';
import { loadEventRows } from '../../../src/core/query/event-rows.js';
import { kmsEvent, makeScratch, recordsFile } from '../../helpers/temp-index.js';
import { makeIncidentFixture, type IncidentFixture } from '../export/incident-fixture.js';

/** Splits the printed command line with a real POSIX shell, as a responder pasting it would. */
function shellWords(command: string): string[] {
  expect(command.startsWith('keytrail query ')).toBe(true);
  const output = execFileSync('sh', ['-c', `printf '%s\\0' ${command.slice('keytrail '.length)}`], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

async function runReproduce(command: string): Promise<string[]> {
  const [name, ...argv] = shellWords(command);
  expect(name).toBe('query');
  let stdout = '';
  const code = await runCommand(queryCommand, [...argv, '--json'], { stdout: (text) => (stdout += text), stderr: () => {} });
  expect(code).toBe(0);
  return stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { uid: string }).uid);
}

describe('reproduce commands', () => {
  let fixture: IncidentFixture;
  let exported: IncidentExport;
  const home = mkdtempSync(join(tmpdir(), 'keytrail-elsewhere-'));
  const saved = { cwd: process.cwd(), home: process.env.KEYTRAIL_HOME };
  beforeAll(async () => {
    fixture = await makeIncidentFixture();
    exported = buildIncident(fixture.db, { logDirectory: 'logs' });
    // Another machine: its own state folder, where `keytrail index logs` put the index, run from the logs' parent.
    process.env.KEYTRAIL_HOME = home;
    const indexPath = defaultIndexPath(fixture.scratch.logs);
    mkdirSync(dirname(indexPath), { recursive: true });
    await fixture.db.backup(indexPath);
    process.chdir(fixture.scratch.root);
  });
  afterAll(() => {
    process.chdir(saved.cwd);
    if (saved.home === undefined) delete process.env.KEYTRAIL_HOME;
    else process.env.KEYTRAIL_HOME = saved.home;
    fixture.cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  it('run from another directory with --dir and return every event of the finding, hostile and look-alike ids included', async () => {
    expect(exported.report.findings).toHaveLength(7);
    for (const finding of exported.report.findings) {
      expect(finding.reproduce?.exact, finding.reference).toBe(true);
      expect(finding.reproduce!.command).toMatch(/^keytrail query --dir logs --limit 0 /);
      expect(finding.reproduce!.command).not.toContain(fixture.dbPath);
      const uids = await runReproduce(finding.reproduce!.command);
      const evidence = exported.evidence.filter((record) => record.findings.includes(finding.id)).map((record) => record.uid);
      expect(new Set(uids), finding.reference).toEqual(new Set(evidence));
      expect(uids).toHaveLength(finding.total);
    }
  });

  it('leave out events whose ids merely start with the wanted one, even in the same second', async () => {
    const scratch = makeScratch('keytrail-lookalike-');
    try {
      scratch.write('logs.json', recordsFile(['evt-1', 'evt-10', 'evt-1~b'].map((eventID) => kmsEvent({ eventID }))));
      const { db } = await scratch.index();
      const rows = loadEventRows(db, [findEventSeq(db, 'evt-1')!]);
      const reproduction = reproduceEvents(db, rows);
      expect(reproduction.exact).toBe(true);
      const command = `keytrail query --db ${scratch.dbPath} --limit 0 '${reproduction.filter}'`;
      expect(await runReproduce(command)).toEqual(['evt-1']);
    } finally {
      scratch.cleanup();
    }
  });

  it('cover several events at once, as a chain or a hit needs', () => {
    const seqs = fixture.db.prepare("SELECT seq FROM events WHERE uid LIKE 'evt%' ORDER BY seq").pluck().all() as number[];
    const rows = loadEventRows(fixture.db, seqs);
    const reproduction = reproduceEvents(fixture.db, rows);
    expect(reproduction.exact).toBe(true);
    // The request ids let the query start from the entity index; the ids keep it exact.
    expect(reproduction.filter).toMatch(/^since:2026-11-20T10:00:00Z until:2026-11-20T10:05:00Z request:\*heading\*,req-10,req-2 id:/);
  });

  it('name a hit with many events by its principal, key, address and window, not by hundreds of ids', async () => {
    const scratch = makeScratch('keytrail-bighit-');
    try {
      const attacker = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/deploy-bot', accountId: '111122223333' };
      const calls = Array.from({ length: 40 }, (_, i) => kmsEvent({
        eventID: `bot-${i}`, requestID: `bot-req-${i}`, userIdentity: attacker, sourceIPAddress: '203.0.113.66',
        eventTime: `2026-11-21T02:${String(10 + i).padStart(2, '0')}:00Z`,
      }));
      // Inside the window but not the hit's: someone else, and the same person from their usual address.
      const others = [kmsEvent({ eventID: 'alice-1', eventTime: '2026-11-21T02:20:00Z' }),
        kmsEvent({ eventID: 'bot-ci', userIdentity: attacker, sourceIPAddress: '192.0.2.10', eventTime: '2026-11-21T02:30:00Z' })];
      scratch.write('logs.json', recordsFile([...calls, ...others]));
      const { db } = await scratch.index();
      const rows = loadEventRows(db, calls.map((call) => findEventSeq(db, call.eventID as string)!));
      const hit = { id: 'new-source-ip:abc', rule: 'new-source-ip', severity: 'high' as const, title: 'new IP', reason: 'new IP',
        first: '2026-11-21T02:10:00Z', last: '2026-11-21T02:49:00Z', principal: attacker.arn, key: null, ip: '203.0.113.66',
        eventIDs: calls.map((call) => call.eventID as string) };
      const finding = { id: 1, kind: 'hit' as const, reference: hit.id, note: '', position: 1, evidenceTime: null, createdAt: 0, updatedAt: 0 };
      const evidence = { finding, rows, total: rows.length, chain: null, hit, problem: null };
      const reproduction = reproduceFinding(db, evidence, { portable: true });
      expect(reproduction.exact).toBe(true);
      expect(reproduction.filter).not.toContain('id:');
      expect(reproduction.filter.length).toBeLessThan(200);
      const uids = await runReproduce(`keytrail query --db ${scratch.dbPath} --limit 0 '${reproduction.filter}'`);
      expect(new Set(uids)).toEqual(new Set(hit.eventIDs));
    } finally {
      scratch.cleanup();
    }
  });

  it('say when a filter cannot be written on a shell line as it is: control characters become * and it is not exact', () => {
    const finding = markFinding(fixture.db, { kind: 'filter', reference: 'error:\u001b[31m*' }, 'escapes', DEFAULT_SOURCES);
    const reproduction = reproduceFinding(fixture.db, loadEvidence(fixture.db, finding, DEFAULT_SOURCES));
    expect(reproduction).toEqual({ filter: 'error:*[31m*', exact: false });
    removeFinding(fixture.db, finding.id);
  });
});
