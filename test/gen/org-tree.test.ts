import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileTree } from '../../src/gen/file-tree.js';
import { writeOrgTree } from '../../src/gen/org/org-tree.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tree(seed: number) {
  const outDir = mkdtempSync(join(tmpdir(), 'keytrail-orggen-'));
  dirs.push(outDir);
  return { outDir, truth: writeOrgTree({ events: 3000, seed, outDir }) };
}

describe('the organization-shaped tree', () => {
  it('is the same for the same seed', () => {
    const [a, b] = [tree(5), tree(5)];
    expect([...readFileTree(a.outDir)]).toEqual([...readFileTree(b.outDir)]);
  });

  it('has every shape the key tests rely on', () => {
    const { outDir, truth } = tree(5);
    const names = truth.records.map((entry) => entry.record.eventName);
    expect(names).toEqual(expect.arrayContaining(['CreateAlias', 'UpdateAlias', 'DeleteAlias']));
    expect(truth.records.some((entry) => entry.networkActivity && entry.record.eventType === 'AwsVpceEvent')).toBe(true);
    expect(truth.records.some((entry) => entry.aliasOnly !== null && entry.key === null)).toBe(true);
    expect(new Set(truth.records.map((entry) => entry.record.eventID)).size).toBeLessThan(truth.records.length);
    expect(truth.deliveries).toBeGreaterThan(truth.records.length);
    const orgCopy = [...readFileTree(outDir).keys()].find((path) => path.includes('/o-'))!;
    expect(readFileSync(join(outDir, orgCopy), 'utf8')).toContain('\n "recipientAccountId"');
  });
});
