import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export-command.js';
import { findingCommand } from '../../src/cli/commands/finding-command.js';
import { queryCommand } from '../../src/cli/commands/query-command.js';
import { runCommand } from '../../src/cli/run.js';
import type { Command } from '../../src/cli/command.js';
import { recordLogDirectory } from '../../src/core/index/log-directory.js';
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

const evidenceLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

beforeEach(async () => {
  scratch = makeScratch('keytrail-export-cli-');
  scratch.write('logs.json', recordsFile([kmsEvent({ eventID: 'evt-1', eventName: 'ScheduleKeyDeletion', requestID: 'req-77', requestParameters: { keyId: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555', pendingWindowInDays: 7 } })]));
  (await scratch.index()).db.close();
  await run(findingCommand, 'add', '--event', 'evt-1', '--note', 'key deletion scheduled');
});
afterEach(() => scratch.cleanup());

describe('keytrail export', () => {
  it('writes an owner-only note and its evidence file beside it, and says where and how big', async () => {
    const out = join(scratch.root, 'note.md');
    const result = await run(exportCommand, '--out', out, '--title', 'Key deletion <b>', '--dir', 'incident/logs');
    expect(result.stdout).toMatch(new RegExp(`^Wrote ${out} \\(\\d+ lines, [\\d,]+ bytes\\)\\n  and ${out}\\.evidence\\.jsonl \\(1 event\\)\\n$`));
    for (const path of [out, `${out}.evidence.jsonl`]) expect(statSync(path).mode & 0o777).toBe(0o600);
    const note = readFileSync(out, 'utf8');
    expect(note).toMatch(/^# Key deletion &lt;b&gt;\n/);
    expect(note).toContain('### 1. key deletion scheduled');
    expect(note).toContain('- Reproduce: `keytrail query --dir incident/logs --limit 0 id:evt-1`');
    expect(note).not.toContain(scratch.dbPath);
    expect(note).toContain('**Deletion pending:**');
    expect(note).toContain('aws kms cancel-key-deletion --key-id arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555 --region us-east-1');
    expect(note).toContain('is in `note.md.evidence.jsonl` beside this note');
    expect(evidenceLines(`${out}.evidence.jsonl`)).toMatchObject([{ uid: 'evt-1', requestID: 'req-77', findings: [1], files: [{ path: 'logs.json', integrity: 'not validated' }] }]);
  });

  it('exported into the log folder, the evidence is not read back as events (nor is query --json output)', async () => {
    const out = join(scratch.logs, 'note.md');
    await run(exportCommand, '--out', out);
    writeFileSync(join(scratch.logs, 'rows.jsonl'), (await run(queryCommand, '--json')).stdout);
    const { db, report } = await scratch.index();
    try {
      expect(report.events).toBe(0);
      expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
      expect(db.prepare("SELECT path, kind FROM files WHERE path <> 'logs.json' ORDER BY path").all())
        .toEqual(['note.md', 'note.md.evidence.jsonl', 'rows.jsonl'].map((path) => ({ path, kind: 'not-log' })));
    } finally {
      db.close();
    }
  });

  it('writes a note with no findings all the same, and says on stderr that it holds no evidence', async () => {
    await run(findingCommand, 'rm', '1');
    const result = await run(exportCommand, '--out', join(scratch.root, 'empty.md'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('keytrail export: no findings are marked yet, so the note holds no evidence: mark them with m in the workbench or `keytrail finding add`\n');
    expect((await run(findingCommand, 'add', '--event', 'evt-1', '--note', 'again')).code).toBe(0);
    expect((await run(exportCommand, '--out', join(scratch.root, 'full.md'))).stderr).toBe('');
  });

  it('names a missing --out folder as a usage error (exit 2), with no stack trace and nothing written', async () => {
    const out = join(scratch.root, 'no-such-folder', 'note.md');
    const result = await run(exportCommand, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no folder ${join(scratch.root, 'no-such-folder')} for --out: create it or choose another path`);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('names the log folder the index records, relative to where the responder is, when --dir is not given', async () => {
    const db = openIndex(scratch.dbPath);
    recordLogDirectory(db, scratch.logs);
    db.close();
    const cwd = process.cwd();
    process.chdir(scratch.root);
    try {
      expect((await run(exportCommand, '--out', '-')).stdout).toContain('- Reproduce: `keytrail query --dir logs --limit 0 id:evt-1`');
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses to overwrite an existing note or evidence file (exit 1) unless --force', async () => {
    const out = join(scratch.root, 'note.md');
    writeFileSync(`${out}.evidence.jsonl`, 'earlier evidence');
    const refused = await run(exportCommand, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/note\.md\.evidence\.jsonl already exists.*--force/);
    expect(readFileSync(`${out}.evidence.jsonl`, 'utf8')).toBe('earlier evidence');
    expect(() => statSync(out)).toThrow();
    expect((await run(exportCommand, '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# KMS key usage incident note/);
    expect(evidenceLines(`${out}.evidence.jsonl`)).toHaveLength(1);
  });

  it('gives each evidence file\'s integrity verdict once validation has run', async () => {
    const db = openIndex(scratch.dbPath);
    const verdict = { file: 'logs.json', kind: 'log', status: 'modified', digest: 'digest.json.gz', reason: 'hash differs' } as const;
    storeIntegrity(db, { files: [verdict] } as unknown as ValidationReport, Date.UTC(2026, 10, 21, 8, 0, 0));
    db.close();
    const out = join(scratch.root, 'note.md');
    await run(exportCommand, '--out', out);
    expect(readFileSync(out, 'utf8')).toContain('logs validated at 2026-11-21T08:00:00Z: 1 modified');
    expect(evidenceLines(`${out}.evidence.jsonl`)[0].files).toEqual([{ path: 'logs.json', integrity: 'modified' }]);
  });

  it('carries the markdown\'s data as JSON for machines, and prints either to stdout without an evidence file', async () => {
    const result = await run(exportCommand, '--format', 'json', '--out', '-', '--dir', 'logs');
    const report = JSON.parse(result.stdout);
    expect(report.findings).toMatchObject([{ id: 1, kind: 'event', reference: 'evt-1', note: 'key deletion scheduled', total: 1, samples: [{ uid: 'evt-1' }] }]);
    expect(report.findings[0].reproduce.command).toBe('keytrail query --dir logs --limit 0 id:evt-1');
    expect(report.open).toMatchObject([{ kind: 'deletion', event: 'evt-1', facts: [{ label: 'deleted on', value: '2026-11-27T10:00:00Z' }] }]);
    expect(report.evidence).toEqual({ file: null, events: 1, sourceFiles: 1, integrity: [{ value: 'not validated', count: 1 }], partial: [] });
    const markdown = (await run(exportCommand, '--out', '-', '--dir', 'logs')).stdout;
    expect(markdown).toContain('was not written: the note went to standard output');
    expect((await run(exportCommand, '--format', 'pdf')).code).toBe(2);
  });
});
