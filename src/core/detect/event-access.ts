import type { JsonObject } from '../parse/classify.js';
import { keyIdOf } from '../normalize/key-ref.js';
import { objectField } from '../normalize/fields.js';
import type { EntityKind } from '../normalize/types.js';
import { loadEventRows, type EventRow } from '../query/event-rows.js';
import { API_RECORD_SQL, NETWORK_ACTIVITY_SQL, OWN_CALL_SQL } from './event-kinds.js';
import type { TimedSeq } from './hit-store.js';
import type { DetectionContext } from './rule.js';

/** A new event as the per-event rules read it: its row and its parsed request and response. */
export interface RuleEvent {
  seq: number;
  time: number;
  row: EventRow;
  /** The key id (or alias when no key was learned), as hits store it. */
  keyRef: string | null;
  request: JsonObject | null;
  response: JsonObject | null;
}

function valueIds(context: DetectionContext, kind: EntityKind, values: readonly string[]): number[] {
  return context.db.prepare('SELECT id FROM entity_values WHERE kind = ? AND value IN (SELECT value FROM json_each(?))')
    .pluck().all(kind, JSON.stringify(values)) as number[];
}

/** New API calls (seq range of this run) carrying any of these values: one entity range per value. Network activity is never a call. */
export function newEventsWith(context: DetectionContext, kind: EntityKind, values: readonly string[], options: { ownCallsOnly?: boolean } = {}): TimedSeq[] {
  const select = context.db.prepare(`SELECT d.seq AS seq, d.time AS time FROM entities d JOIN events e ON e.seq = d.seq
    WHERE d.value_id = ? AND d.seq > ? AND d.seq <= ? AND ${API_RECORD_SQL}${options.ownCallsOnly ? ` AND ${OWN_CALL_SQL}` : ''}`);
  const found = new Map<number, TimedSeq>();
  for (const id of valueIds(context, kind, values)) {
    for (const event of select.all(id, context.fromSeq, context.toSeq) as TimedSeq[]) found.set(event.seq, event);
  }
  return [...found.values()].sort((a, b) => a.time - b.time || a.seq - b.seq);
}

const BATCH = 500;

function parseRaw(raw: string | null): JsonObject {
  try {
    return raw ? (JSON.parse(raw) as JsonObject) : {};
  } catch {
    return {}; // an unparsable raw event still has its columns
  }
}

/** The parsed records of these events, from the raw store (an unreadable one is an empty object). */
export function rawRecords(context: DetectionContext, seqs: readonly number[]): Map<number, JsonObject> {
  const records = new Map<number, JsonObject>();
  for (let start = 0; start < seqs.length; start += BATCH) {
    const locations = context.db.prepare(`SELECT seq, raw_block AS block, raw_offset AS offset, raw_length AS length FROM events
      WHERE seq IN (SELECT value FROM json_each(?))`).all(JSON.stringify(seqs.slice(start, start + BATCH))) as Array<{ seq: number; block: number; offset: number; length: number }>;
    for (const location of locations) records.set(location.seq, parseRaw(context.raw.read(location.block, location.offset, location.length)));
  }
  return records;
}

/** Full events for the rules that read request parameters: rows and raw JSON, a batch at a time. */
export function loadRuleEvents(context: DetectionContext, events: TimedSeq[]): RuleEvent[] {
  const loaded: RuleEvent[] = [];
  for (let start = 0; start < events.length; start += BATCH) {
    const seqs = events.slice(start, start + BATCH).map((event) => event.seq);
    const records = rawRecords(context, seqs);
    for (const row of loadEventRows(context.db, seqs)) {
      const parsed = records.get(row.seq) ?? {};
      loaded.push({
        seq: row.seq, time: row.time, row, keyRef: row.key ? (keyIdOf(row.key) ?? row.key) : null,
        request: objectField(parsed.requestParameters), response: objectField(parsed.responseElements),
      });
    }
  }
  return loaded;
}

/** Events carrying one of these values (any of the kinds), matching `where` on `events e`. */
export interface AnchoredQuery {
  anchors: Array<{ kinds: EntityKind[]; value: string }>;
  where: string;
  params: unknown[];
  since?: number;
  until?: number;
  fromSeq?: number;
  /** API calls (the default), or a VPC endpoint's network-activity records only. */
  records?: 'calls' | 'network-activity';
}

/** Picks the anchor with the fewest events and scans its (value_id, time, seq) range: never all events. */
export function anchoredEvents(context: DetectionContext, query: AnchoredQuery): TimedSeq[] {
  let best: { ids: number[]; events: number } | null = null;
  for (const anchor of query.anchors) {
    const rows = context.db.prepare('SELECT id, events FROM entity_values WHERE value = ? AND kind IN (SELECT value FROM json_each(?))')
      .all(anchor.value, JSON.stringify(anchor.kinds)) as Array<{ id: number; events: number }>;
    const candidate = { ids: rows.map((row) => row.id), events: rows.reduce((sum, row) => sum + row.events, 0) };
    if (!best || candidate.events < best.events) best = candidate;
  }
  if (!best || best.ids.length === 0) return [];
  const sql = `SELECT DISTINCT d.seq AS seq, d.time AS time FROM entities d JOIN events e ON e.seq = d.seq
    WHERE d.value_id IN (SELECT value FROM json_each(?)) AND d.time >= ? AND d.time <= ? AND d.seq > ? AND d.seq <= ?
      AND ${query.records === 'network-activity' ? NETWORK_ACTIVITY_SQL : API_RECORD_SQL} AND ${query.where}
    ORDER BY d.time, d.seq`;
  return context.db.prepare(sql).all(JSON.stringify(best.ids), query.since ?? 0, query.until ?? Number.MAX_SAFE_INTEGER,
    query.fromSeq ?? 0, context.toSeq, ...query.params) as TimedSeq[];
}

/** The anchor for a baseline subject: a role, or a principal. */
export const subjectAnchor = (subject: string) => ({ kinds: ['role', 'principal'] as EntityKind[], value: subject });
