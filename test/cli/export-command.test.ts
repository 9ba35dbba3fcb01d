import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export-command.js';
import { findingCommand } from '../../src/cli/commands/finding-command.js';
import { runCommand } from '../../src/cli/run.js';
import type { Command } from '../../src/cli/command.js';
import { openIndex } from '../../src/core/index/open.js';
import { storeIntegrity } from '../../src/core/validate/store.js';
import type { ValidationReport } from '../../src/core/validate/types.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

let scratch: Scratch;

async function run(command: Command, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(command, [...argv, '--db', scratch.dbPath], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  scratch = makeScratch('keytrail-export-cli-');
  scratch.write('logs.json', recordsFile([kmsEvent({ eventID: 'evt-1', eventName: 'ScheduleKeyDeletion', requestID: 'req-77' })]));
  (await scratch.index()).db.close();
  await run(findingCommand, 'add', '--event', 'evt-1', '--note', 'key deletion scheduled');
});
afterEach(() => scratch.cleanup());

describe('keytrail export', () => {
  it('writes an owner-only markdown note with the finding, its note and its evidence', async () => {
    const out = join(scratch.root, 'note.md');
    const result = await run(exportCommand, '--out', out, '--title', 'Key deletion <b>', '--dir', scratch.logs);
    expect(result.stdout).toBe(`Wrote ${out}\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const note = readFileSync(out, 'utf8');
    expect(note).toMatch(/^# Key deletion &lt;b&gt;\n/);
    expect(note).toContain(`| Log directory | ${scratch.logs.replace(/[.]/g, '\\.')} |`);
    expect(note).toContain('### Finding 1: key deletion scheduled');
    expect(note).toMatch(/\| evt-1 \| req-77 \| logs\\\.json \| not validated \|/);
  });

  it('refuses to overwrite an existing file (exit 1) unless --force', async () => {
    const out = join(scratch.root, 'note.md');
    writeFileSync(out, 'earlier note');
    const refused = await run(exportCommand, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(out, 'utf8')).toBe('earlier note');
    expect((await run(exportCommand, '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# KMS key usage incident note/);
  });

  it('shows each source file\'s integrity verdict once validation has run', async () => {
    const db = openIndex(scratch.dbPath);
    const verdict = { file: 'logs.json', kind: 'log', status: 'modified', digest: 'digest.json.gz', reason: 'hash differs' } as const;
    storeIntegrity(db, { files: [verdict] } as unknown as ValidationReport, Date.UTC(2026, 10, 21, 8, 0, 0));
    db.close();
    const note = (await run(exportCommand, '--out', '-')).stdout;
    expect(note).toContain('| Integrity | validated at 2026-11-21T08:00:00Z: 1 modified |');
    expect(note).toMatch(/\| evt-1 \| req-77 \| logs\\\.json \| modified \|/);
  });

  it('carries the same content as JSON for machines', async () => {
    const result = await run(exportCommand, '--format', 'json', '--out', '-');
    const report = JSON.parse(result.stdout);
    expect(report.findings).toMatchObject([{ id: 1, kind: 'event', reference: 'evt-1', note: 'key deletion scheduled', total: 1, events: ['evt-1'] }]);
    expect(report.timeline).toMatchObject([{ uid: 'evt-1', eventName: 'ScheduleKeyDeletion', requestID: 'req-77', files: [{ path: 'logs.json', integrity: null }] }]);
    expect(report.findings[0].reproduce.command).toContain('id:evt-1');
    expect((await run(exportCommand, '--format', 'pdf')).code).toBe(2);
  });
});
