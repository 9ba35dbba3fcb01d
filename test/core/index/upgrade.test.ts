import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEvidence } from '../../../src/core/findings/evidence.js';
import { findingsFilePath } from '../../../src/core/findings/schema.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { addFinding, listFindings } from '../../../src/core/findings/store.js';
import { ingestTree } from '../../../src/core/index/ingest-tree.js';
import { IndexOpenError, openIndex, readMeta } from '../../../src/core/index/open.js';
import { SCHEMA_VERSION } from '../../../src/core/index/schema.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const V3_LAYOUT = readFileSync(new URL('../../fixtures/index/schema-v3.sql', import.meta.url), 'utf8');

/** An index as keytrail wrote it at schema version 3: its tables, one indexed file, and two findings kept inside it. */
function writeVersion3Index(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.exec(V3_LAYOUT);
  db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '3')").run();
  db.prepare("INSERT INTO files (path, status, kind, records) VALUES ('logs.json', 'done', 'records', 2)").run();
  const add = db.prepare(`INSERT INTO findings (id, kind, reference, note, position, evidence_time, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 1, 1)`);
  add.run(3, 'event', 'evt-b', 'the second decrypt', 2, Date.UTC(2026, 10, 20, 9));
  add.run(7, 'filter', 'principal:alice since:2026-11-20T00:00:00Z', 'all of alice', 1, Date.UTC(2026, 10, 20, 8));
  db.close();
}

function writeLogs(): void {
  scratch.write('logs.json', recordsFile(['a', 'b'].map((name, index) => kmsEvent({
    eventID: `evt-${name}`, requestID: `req-${name}`, eventTime: `2026-11-20T0${8 + index}:00:00Z`,
  }))));
}

describe('an index of an older schema', () => {
  it('is rebuilt from the logs by a writer, with a message, and its findings survive with their ids, notes and order', async () => {
    scratch = makeScratch('keytrail-upgrade-');
    writeLogs();
    writeVersion3Index(scratch.dbPath);
    const messages: string[] = [];
    const db = openIndex(scratch.dbPath, { onRebuild: (message) => messages.push(message) });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/schema version 3 from an older keytrail; rebuilding it from the logs/);
    expect(messages[0]).toContain(findingsFilePath(scratch.dbPath));
    expect(readMeta(db, 'schema_version')).toBe(String(SCHEMA_VERSION));
    // The old layout's rows are gone: nothing of it is read as if it were the new one.
    expect(db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(0);
    await ingestTree(db, scratch.logs, { final: true });
    const findings = listFindings(db);
    expect(findings.map((finding) => [finding.id, finding.kind, finding.note])).toEqual([[7, 'filter', 'all of alice'], [3, 'event', 'the second decrypt']]);
    expect(findings.map((finding) => loadEvidence(db, finding, DEFAULT_SOURCES).rows.map((row) => row.uid))).toEqual([['evt-a', 'evt-b'], ['evt-b']]);
    // A finding added now takes a new id: an id quoted from the old index still means one finding.
    expect(addFinding(db, { kind: 'event', reference: 'evt-a', note: '', evidenceTime: null }).id).toBe(8);
    db.close();
  });

  it('is refused, untouched, by readers and by writers that do not index, with what to run', () => {
    scratch = makeScratch('keytrail-upgrade-');
    writeVersion3Index(scratch.dbPath);
    const told = /schema version 3 from an older keytrail; this one needs \d+\. Run `keytrail index DIR`.*findings and notes are kept/;
    expect(() => openIndex(scratch.dbPath, { readonly: true })).toThrow(told);
    expect(() => openIndex(scratch.dbPath)).toThrow(told);
    const old = new Database(scratch.dbPath, { readonly: true });
    expect(old.prepare('SELECT count(*) FROM findings').pluck().get()).toBe(2);
    old.close();
  });

  it('of a newer keytrail is refused and left as it is, never rebuilt', () => {
    scratch = makeScratch('keytrail-upgrade-');
    writeLogs();
    const db = openIndex(scratch.dbPath);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => openIndex(scratch.dbPath, { onRebuild: () => undefined })).toThrow(IndexOpenError);
    expect(() => openIndex(scratch.dbPath, { onRebuild: () => undefined })).toThrow(/schema version 99 from a newer keytrail/);
    expect(existsSync(scratch.dbPath)).toBe(true);
  });
});

describe('findings beside a damaged index', () => {
  it('survive when the index file is destroyed and built again from the logs', async () => {
    scratch = makeScratch('keytrail-damage-');
    writeLogs();
    const { db } = await scratch.index();
    addFinding(db, { kind: 'event', reference: 'evt-b', note: 'keep me', evidenceTime: null });
    db.close();
    writeFileSync(scratch.dbPath, Buffer.alloc(64 * 1024, 0x5a));
    expect(() => openIndex(scratch.dbPath, { readonly: true }).prepare('SELECT count(*) FROM events').get()).toThrow();
    // What any recovery does with a damaged cache: throw it away and index the logs again.
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${scratch.dbPath}${suffix}`, '');
    const rebuilt = (await scratch.index()).db;
    const [finding] = listFindings(rebuilt);
    expect(finding?.note).toBe('keep me');
    expect(loadEvidence(rebuilt, finding!, DEFAULT_SOURCES).rows.map((row) => row.uid)).toEqual(['evt-b']);
  });
});

describe('the events view', () => {
  it('is the one this code defines once a writer opens an index holding another', async () => {
    scratch = makeScratch();
    scratch.write('a.json', recordsFile([kmsEvent({ eventID: '0b2f74df-8ba2-4923-ace0-1f2e3d4c5b6a' })]));
    const first = await scratch.index();
    // A view of an earlier build of the same version: ids read back as they are stored.
    first.db.exec('DROP VIEW events; CREATE VIEW events AS SELECT seq, uid FROM event_rows');
    first.db.close();
    const db = openIndex(scratch.dbPath);
    expect(db.prepare('SELECT uid, name FROM events').all()).toEqual([{ uid: '0b2f74df-8ba2-4923-ace0-1f2e3d4c5b6a', name: 'Decrypt' }]);
    db.close();
  });
});
