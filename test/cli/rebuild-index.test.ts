import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { carryLegacyFindings, setIndexAside } from '../../src/cli/rebuild-index.js';
import { findingsFilePath } from '../../src/core/findings/schema.js';
import { listFindings } from '../../src/core/findings/store.js';
import { openIndex } from '../../src/core/index/open.js';
import { makeScratch, type Scratch } from '../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const V3_LAYOUT = readFileSync(new URL('../fixtures/index/schema-v3.sql', import.meta.url), 'utf8');

describe('index --rebuild of an index from before findings had a file of their own', () => {
  it('carries the findings it kept among its tables into the findings file, ids, notes and order kept', () => {
    scratch = makeScratch('keytrail-rebuild-');
    mkdirSync(dirname(scratch.dbPath), { recursive: true });
    const old = new Database(scratch.dbPath);
    old.exec(V3_LAYOUT);
    const add = old.prepare(`INSERT INTO findings (id, kind, reference, note, position, evidence_time, created_at, updated_at)
      VALUES (?, 'event', ?, ?, ?, NULL, 1, 1)`);
    add.run(4, 'evt-b', 'second', 2);
    add.run(9, 'evt-a', 'first', 1);
    old.close();
    const aside = setIndexAside(scratch.dbPath)!;
    const index = openIndex(scratch.dbPath);
    expect(carryLegacyFindings(aside, index)).toEqual({ carried: 2, problem: null });
    expect(listFindings(index).map((finding) => [finding.id, finding.note])).toEqual([[9, 'first'], [4, 'second']]);
    // Run again (a second --rebuild): nothing is doubled.
    expect(carryLegacyFindings(aside, index).carried).toBe(0);
    index.close();
    // They live beside the index now, where the next rebuild leaves them.
    expect(listFindings(openIndex(scratch.dbPath, { readonly: true })).length).toBe(2);
    expect(findingsFilePath(scratch.dbPath)).toMatch(/\.findings\.db$/);
  });

  it('says what it could not read instead of failing the rebuild', () => {
    scratch = makeScratch('keytrail-rebuild-');
    scratch.write('not-an-index.db', 'this is not a database, and never was one of its pages');
    const index = openIndex(scratch.dbPath);
    const { carried, problem } = carryLegacyFindings(`${scratch.logs}/not-an-index.db`, index);
    expect(carried).toBe(0);
    expect(problem).toMatch(/not a database/);
    index.close();
  });
});
