import type { IndexDb } from '../index/open.js';
import { ensureFindingsTable, hasFindingsTable, RESPONDER_SCHEMA } from './schema.js';
import type { Finding } from './types.js';

/** Always the findings file's table, never one of the same name in an old index. */
const TABLE = `${RESPONDER_SCHEMA}.findings`;

/** Columns aliased to the Finding fields, so a row is a Finding. */
const SELECT = `SELECT id, kind, reference, note, position, evidence_time AS evidenceTime,
  created_at AS createdAt, updated_at AS updatedAt FROM ${TABLE}`;

export type NewFinding = Pick<Finding, 'kind' | 'reference' | 'note' | 'evidenceTime'>;

/** Every finding in the responder's order. */
export function listFindings(db: IndexDb): Finding[] {
  if (!hasFindingsTable(db)) return [];
  return db.prepare(`${SELECT} ORDER BY position, id`).all() as Finding[];
}

export function getFinding(db: IndexDb, id: number): Finding | null {
  if (!hasFindingsTable(db)) return null;
  return (db.prepare(`${SELECT} WHERE id = ?`).get(id) as Finding | undefined) ?? null;
}

/**
 * Stores a finding, placed before the first one whose evidence is later: the list
 * stays in time order until the responder reorders it by hand.
 */
export function addFinding(db: IndexDb, finding: NewFinding, now = Date.now()): Finding {
  ensureFindingsTable(db);
  const add = db.transaction(() => {
    const order = listFindings(db);
    const later = finding.evidenceTime === null ? -1
      : order.findIndex((other) => other.evidenceTime !== null && other.evidenceTime > finding.evidenceTime!);
    const id = Number(db.prepare(`INSERT INTO ${TABLE} (kind, reference, note, position, evidence_time, created_at, updated_at)
      VALUES (?, ?, ?, 0, ?, ?, ?)`).run(finding.kind, finding.reference, finding.note, finding.evidenceTime, now, now).lastInsertRowid);
    const ids = order.map((other) => other.id);
    ids.splice(later === -1 ? ids.length : later, 0, id);
    renumber(db, ids);
    return id;
  });
  return getFinding(db, add())!;
}

/** Replaces a finding's note; false when there is no such finding. */
export function editFindingNote(db: IndexDb, id: number, note: string, now = Date.now()): boolean {
  if (!hasFindingsTable(db)) return false;
  return db.prepare(`UPDATE ${TABLE} SET note = ?, updated_at = ? WHERE id = ?`).run(note, now, id).changes > 0;
}

export function removeFinding(db: IndexDb, id: number): boolean {
  if (!hasFindingsTable(db)) return false;
  return db.prepare(`DELETE FROM ${TABLE} WHERE id = ?`).run(id).changes > 0;
}

/** Moves a finding before another one, or to the end when `beforeId` is null. False when either is unknown. */
export function moveFinding(db: IndexDb, id: number, beforeId: number | null, now = Date.now()): boolean {
  if (!hasFindingsTable(db)) return false;
  const move = db.transaction(() => {
    const ids = listFindings(db).map((finding) => finding.id);
    if (!ids.includes(id) || (beforeId !== null && !ids.includes(beforeId))) return false;
    if (id === beforeId) return true;
    const rest = ids.filter((other) => other !== id);
    rest.splice(beforeId === null ? rest.length : rest.indexOf(beforeId), 0, id);
    renumber(db, rest);
    db.prepare(`UPDATE ${TABLE} SET updated_at = ? WHERE id = ?`).run(now, id);
    return true;
  });
  return move();
}

function renumber(db: IndexDb, ids: number[]): void {
  const update = db.prepare(`UPDATE ${TABLE} SET position = ? WHERE id = ? AND position <> ?`);
  ids.forEach((id, index) => update.run(index + 1, id, index + 1));
}
