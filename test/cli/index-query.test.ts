import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInto, makeScratch, type Scratch } from '../helpers/temp-index.js';
import { runCli } from '../helpers/run-cli.js';

let scratch: Scratch;
let db: string;

beforeAll(() => {
  scratch = makeScratch();
  copyInto(scratch, 'test/fixtures/seeds');
  db = `${scratch.root}/cli.db`;
});
afterAll(() => scratch.cleanup());

describe('keytrail index and query, as scripts use them', () => {
  it('index --json reports files, new events, duplicates and every rejected record with its position', () => {
    const result = runCli(['index', scratch.logs, '--db', db, '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { files: number; events: number; duplicates: number; rejected: Array<Record<string, unknown>> };
    expect(report).toMatchObject({ files: 3, events: 7, duplicates: 0 });
    expect(report.rejected).toEqual([expect.objectContaining({ file: '001-enclave.json', line: 3, position: expect.any(Number), reason: expect.stringMatching(/invalid JSON/) })]);
  });

  it('query --json prints one event per line with the contract fields, newest first', () => {
    const result = runCli(['query', 'key:alias/aws/ebs', '--db', db, '--json']);
    expect(result.status).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // Seed 000 teaches alias/aws/ebs -> key 1234abcd; seed 001's enclave GenerateDataKey used that key too.
    expect(rows.map((row) => row.eventName)).toEqual(['Decrypt', 'CreateGrant', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKey']);
    expect(rows.map((row) => row.files)).toEqual([['000-ebs-flow.json'], ['000-ebs-flow.json'], ['000-ebs-flow.json'], ['001-enclave.json']]);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['eventID', 'eventTime', 'eventSource', 'eventName', 'principal', 'key', 'sourceIPAddress', 'errorCode', 'files']));
      expect(row.key).toBe('arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    }
  });

  it('points at a filter error and exits 2', () => {
    const result = runCli(['query', 'event:Decrypt colour:red', '--db', db]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown field "colour"');
    expect(result.stderr).toContain('              ^^^^^^');
  });

  it('prints the filter as Athena SQL with values quoted as literals', () => {
    const result = runCli(['query', "principal:o'brien", 'ip:203.0.113.0/24', '--athena', 'none', '--db', db]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("lower(principal) = 'o''brien'");
    expect(result.stdout).toContain('BETWEEN 3405803776 AND 3405804031');
  });

  it('refuses to write an index another keytrail process is writing', () => {
    const busy = `${scratch.root}/busy.db`;
    writeFileSync(`${busy}.lock`, String(process.pid));
    const result = runCli(['index', scratch.logs, '--db', busy]);
    expect(result.status).toBe(75);
    expect(result.stderr).toMatch(new RegExp(`another keytrail \\(pid ${process.pid}\\) is writing ${busy}`));
  });

  it('says an empty folder, or one of no logs, is likely not the one meant, rather than only "Complete"', () => {
    const empty = makeScratch();
    try {
      const none = runCli(['index', empty.logs, '--db', `${empty.root}/empty.db`]);
      expect(none.status).toBe(0);
      expect(none.stdout).toContain(`Complete: all 0 file(s) found are indexed.\nNo files found in ${empty.logs}: give the folder the logs were copied into`);
      empty.write('README.md', '# notes');
      const notLogs = runCli(['index', empty.logs, '--db', `${empty.root}/readme.db`]);
      expect(notLogs.stdout).toContain(`No CloudTrail log file among the 1 file(s) in ${empty.logs} (listed below).`);
      expect(notLogs.stdout).toContain('not events (not-log): README.md');
      expect(runCli(['index', scratch.logs, '--db', `${empty.root}/seeds.db`]).stdout).not.toMatch(/No files found|No CloudTrail log file/);
    } finally {
      empty.cleanup();
    }
  });

  it('never puts the default index inside the log directory', () => {
    const result = runCli(['index', scratch.logs, '--db', `${scratch.logs}/inside.db`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('inside the log directory');
  });
});
