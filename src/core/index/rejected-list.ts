import type { IndexDb } from './open.js';
import type { RejectedRecord } from './reports.js';

/** Rejected records (file, line, byte, reason), newest files first; the workbench lists them on request. */
export function listRejected(db: IndexDb, limit = 500): RejectedRecord[] {
  return db.prepare(`SELECT f.path AS file, r.position AS position, r.line AS line, r.reason AS reason
    FROM rejected r JOIN files f ON f.id = r.file_id ORDER BY r.id DESC LIMIT ?`).all(limit) as RejectedRecord[];
}

export function countRejected(db: IndexDb): number {
  return db.prepare('SELECT count(*) FROM rejected').pluck().get() as number;
}
