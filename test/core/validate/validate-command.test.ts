import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../../src/cli/commands/validate.js';
import { UsageError } from '../../../src/cli/command.js';
import { openIndex } from '../../../src/core/index/open.js';
import { readIntegrity } from '../../../src/core/validate/store.js';
import { makeTrail, writeGzipJson } from './trail-helpers.js';

// Lives here rather than in test/cli/commands/ only because of ownership boundaries.

async function run(positionals: string[], options: Record<string, string | boolean | string[] | undefined>) {
  let stdout = '';
  let stderr = '';
  const code = await validateCommand.run(positionals, options, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('keytrail validate', () => {
  it('exits 0 and says OK only when every file and every signature verified', async () => {
    const trail = makeTrail();
    const result = await run([trail.logs], { 'public-keys': [trail.keys] });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Result: OK/);
    expect(result.stdout).toMatch(/Log files:\s+6 \(6 valid\)/);
  });

  it('exits 3 (incomplete, not OK) without public keys, and says the signatures were not checked', async () => {
    const trail = makeTrail();
    const result = await run([trail.logs], {});
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/Signatures: NOT CHECKED/);
    expect(result.stdout).not.toMatch(/Result: OK/);
  });

  it('exits 1 and lists the missing file with the event range it held', async () => {
    const trail = makeTrail();
    rmSync(path.join(trail.logs, trail.logFiles[1]!));
    const result = await run([trail.logs], { 'public-keys': [trail.keys] });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`MISSING           ${trail.logFiles[1]}`);
    expect(result.stdout).toMatch(/events: 2024-03-01T00:\d\d:31Z \.\. 2024-03-01T00:\d\d:31Z/);
  });

  it('prints escape sequences from hostile file names as visible text, never raw', async () => {
    const trail = makeTrail();
    const hostile = 'AWSLogs/111122223333/CloudTrail/us-east-2/2024/03/01/111122223333_CloudTrail_us-east-2_20240301T0110Z_\u001b[2Jx\u009b.json.gz';
    writeGzipJson(path.join(trail.logs, hostile), { Records: [] });
    const human = await run([trail.logs], { 'public-keys': [trail.keys] });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('20240301T0110Z_\\x1b[2Jx\\x9b.json.gz');
    expect(human.stdout).not.toMatch(/[\u001b\u009b]/);
    const json = await run([trail.logs], { json: true });
    expect(json.stdout).not.toMatch(/[\u001b\u009b]/);
    // Escaped, not altered: a JSON reader gets the real name back.
    const files = json.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { file?: string }).file);
    expect(files).toContain(hostile);
  });

  it('--json writes one object per file, then the summary', async () => {
    const trail = makeTrail({ hours: 1 });
    const result = await run([trail.logs], { json: true, 'public-keys': [trail.keys] });
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((line) => [line['file'], line['status']])).toEqual(
      [...trail.digestFiles, ...trail.logFiles].sort().map((file) => [file, 'valid']),
    );
    expect(lines[3]).toMatchObject({ summary: { valid: 3, chainOk: true, signaturesChecked: 1 } });
  });

  it('--db stores the verdicts where the index can show them beside the events; a missing index is refused, not created', async () => {
    const trail = makeTrail({ hours: 1 });
    const dbPath = path.join(trail.root, 'index.db');
    await expect(run([trail.logs], { db: dbPath })).rejects.toThrow(`no index at ${dbPath}`);
    expect(existsSync(dbPath)).toBe(false);
    openIndex(dbPath).close();
    await run([trail.logs], { db: dbPath });
    const db = new Database(dbPath, { readonly: true });
    expect(readIntegrity(db, [trail.logFiles[0]!])).toMatchObject([{ path: trail.logFiles[0], status: 'valid' }]);
    db.close();
  });

  it('rejects a missing directory or key file as a usage error', async () => {
    const trail = makeTrail({ hours: 1 });
    await expect(run([path.join(trail.root, 'nope')], {})).rejects.toBeInstanceOf(UsageError);
    await expect(run([trail.logs], { 'public-keys': [path.join(trail.root, 'nope.json')] })).rejects.toBeInstanceOf(UsageError);
    await expect(run([], {})).rejects.toBeInstanceOf(UsageError);
  });
});
