import type { IndexDb } from '../index/open.js';
import { formatTime } from '../normalize/time.js';
import { KeyNames } from '../query/key-names.js';
import { hasDetectionTables } from './schema.js';
import { SEVERITY_RANK, type DetectionHit, type Severity } from './types.js';

export interface ListHitsOptions {
  /** Only hits at least this severe. */
  minSeverity?: Severity;
  /** Only these rules. */
  rules?: string[];
  limit?: number;
  /** False leaves eventIDs empty (eventCount is still set): for lists that only show counts. */
  withEvents?: boolean;
}

interface HitRow {
  id: string; rule: string; severity: Severity; title: string; reason: string; first: number; last: number;
  principal: string | null; keyRef: string | null; ip: string | null; events: number;
}

const SELECT_HITS = `SELECT id, rule, severity, title, reason, first, last, principal, key_ref AS keyRef, ip, events FROM detection_hits`;

/** Every event behind a hit, in time order: its seqs (for the events pane) or uids (for output). */
export function hitEventSeqs(db: IndexDb, id: string): number[] {
  if (!hasDetectionTables(db)) return [];
  return db.prepare(`SELECT h.seq FROM detection_hit_events h JOIN events e ON e.seq = h.seq WHERE h.hit_id = ? ORDER BY e.time, e.seq`)
    .pluck().all(id) as number[];
}

function hitEventUids(db: IndexDb, id: string): string[] {
  return db.prepare(`SELECT e.uid FROM detection_hit_events h JOIN events e ON e.seq = h.seq WHERE h.hit_id = ? ORDER BY e.time, e.seq`)
    .pluck().all(id) as string[];
}

function toHit(db: IndexDb, row: HitRow, keys: KeyNames, withEvents: boolean): DetectionHit {
  return {
    id: row.id, rule: row.rule, severity: row.severity, title: row.title, reason: row.reason,
    first: formatTime(row.first) ?? '', last: formatTime(row.last) ?? '',
    principal: row.principal, key: row.keyRef ? keys.resolve(row.keyRef).display : null, ip: row.ip,
    eventIDs: withEvents ? hitEventUids(db, row.id) : [], eventCount: row.events,
  };
}

/** Hits, most severe first, then newest first (by the last event behind them). */
export function listHits(db: IndexDb, options: ListHitsOptions = {}): DetectionHit[] {
  if (!hasDetectionTables(db)) return [];
  const where: string[] = ['rank >= ?'];
  const params: unknown[] = [SEVERITY_RANK[options.minSeverity ?? 'info']];
  if (options.rules && options.rules.length > 0) {
    where.push('rule IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(options.rules));
  }
  const limit = options.limit && options.limit > 0 ? options.limit : -1;
  const rows = db.prepare(`${SELECT_HITS} WHERE ${where.join(' AND ')} ORDER BY rank DESC, last DESC, id LIMIT ?`).all(...params, limit) as HitRow[];
  const keys = new KeyNames(db);
  return rows.map((row) => toHit(db, row, keys, options.withEvents !== false));
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
  const rows = db.prepare(`${SELECT_HITS} ORDER BY rank DESC, last DESC, rowid DESC LIMIT ? OFFSET ?`).all(limit, Math.max(0, offset)) as HitRow[];
  const keys = new KeyNames(db);
  return rows.map((row) => toHit(db, row, keys, false));
}

export function getHit(db: IndexDb, id: string): DetectionHit | null {
  if (!hasDetectionTables(db)) return null;
  const row = db.prepare(`${SELECT_HITS} WHERE id = ?`).get(id) as HitRow | undefined;
  return row ? toHit(db, row, new KeyNames(db), true) : null;
}

/** A hit's events (seqs in time order) and the time they span: what the `hit:ID` filter matches. */
export function hitEventSpan(db: IndexDb, id: string): { seqs: number[]; first: number; last: number } | null {
  if (!hasDetectionTables(db)) return null;
  const rows = db.prepare(`SELECT h.seq AS seq, e.time AS time FROM detection_hit_events h JOIN events e ON e.seq = h.seq
    WHERE h.hit_id = ? ORDER BY e.time, e.seq`).all(id) as Array<{ seq: number; time: number }>;
  // A hit can stand on no events of its own (a delivery gap nobody else saw into).
  if (rows.length === 0) return db.prepare('SELECT 1 FROM detection_hits WHERE id = ?').get(id) ? { seqs: [], first: 0, last: 0 } : null;
  return { seqs: rows.map((row) => row.seq), first: rows[0]!.time, last: rows[rows.length - 1]!.time };
}
