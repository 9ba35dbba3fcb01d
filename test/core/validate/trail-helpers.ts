import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach } from 'vitest';
import { type SignedTrail, type SignedTrailOptions, writeSignedTrail } from './fixture.js';
import type { FileIntegrity, ValidationReport } from '../../../src/core/validate/types.js';

/** One RSA key for the whole test file: generating one per test is slow. */
let sharedKey: KeyObject | undefined;
export function testKey(): KeyObject {
  sharedKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return sharedKey;
}

const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp workspace: `logs/` is what gets validated, keys live beside it. */
export function workspace(): { root: string; logs: string; keys: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'keytrail-validate-'));
  created.push(root);
  return { root, logs: path.join(root, 'logs'), keys: path.join(root, 'list-public-keys.json') };
}

export function makeTrail(options: SignedTrailOptions = {}): SignedTrail & { logs: string; keys: string; root: string } {
  const space = workspace();
  const trail = writeSignedTrail(space.logs, { privateKey: testKey(), publicKeysFile: space.keys, ...options });
  return { ...trail, ...space };
}

export function statusOf(report: ValidationReport, file: string): FileIntegrity {
  const found = report.files.find((entry) => entry.file === file);
  if (!found) throw new Error(`no verdict for ${file}`);
  return found;
}

/** Files whose status is not `valid`, as `status file` lines: one assertion shows everything. */
export function problems(report: ValidationReport): string[] {
  return report.files.filter((entry) => entry.status !== 'valid').map((entry) => `${entry.status} ${entry.file}`);
}

export function readGzipJson(file: string): Record<string, unknown> {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Record<string, unknown>;
}

export function writeGzipJson(file: string, value: unknown): void {
  writeFileSync(file, gzipSync(Buffer.from(JSON.stringify(value))));
}
