import type { IndexDb } from '../index/open.js';
import { formatTime } from '../normalize/time.js';
import { KeyNames } from '../query/key-names.js';
import { hasDetectionTables } from './schema.js';
import type { DetectionHit, Severity } from './types.js';

interface PageRow {
  id: string; rule: string; severity: Severity; title: string; reason: string; first: number; last: number;
  principal: string | null; keyRef: string | null; ip: string | null; events: number;
}

/** How many hits the index holds. */
export function countHits(db: IndexDb): number {
  if (!hasDetectionTables(db)) return 0;
  return db.prepare('SELECT count(*) FROM detection_hits').pluck().get() as number;
}

/**
 * One screenful of hits, most severe then newest first, without their event lists:
 * `limit` rows from position `offset`, read along the (rank, last) index, so a page
 * costs the same whether the index holds a hundred hits or tens of thousands.
 */
export function hitsPage(db: IndexDb, offset: number, limit: number): DetectionHit[] {
  if (!hasDetectionTables(db) || limit <= 0) return [];
  const rows = db.prepare(`SELECT id, rule, severity, title, reason, first, last, principal, key_ref AS keyRef, ip, events
    FROM detection_hits ORDER BY rank DESC, last DESC, rowid DESC LIMIT ? OFFSET ?`).all(limit, Math.max(0, offset)) as PageRow[];
  const keys = new KeyNames(db);
  return rows.map((row) => ({
    id: row.id, rule: row.rule, severity: row.severity, title: row.title, reason: row.reason,
    first: formatTime(row.first) ?? '', last: formatTime(row.last) ?? '',
    principal: row.principal, key: row.keyRef ? keys.resolve(row.keyRef).display : null, ip: row.ip,
    eventIDs: [], eventCount: row.events,
  }));
}
