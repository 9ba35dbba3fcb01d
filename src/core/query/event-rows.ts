import type { IndexDb } from '../index/open.js';
import type { EventKind } from '../normalize/event-kind.js';
import type { Actor } from '../normalize/types.js';
import { formatTime } from '../normalize/time.js';
import { KeyNames } from './key-names.js';
import { eventIdOfRow, isMissingEventIdUid, unpackedIdSql } from '../index/event-id.js';
import { TEXT_COLUMNS, TEXT_FIELDS, type TextColumn } from '../index/schema.js';
import { TextLookup } from './text-lookup.js';

/** An event as lists, exports and `query --json` show it. Every string is log data: sanitize before display. */
export interface EventRow {
  seq: number;
  uid: string;
  eventID: string | null;
  time: number;
  eventTime: string | null;
  eventSource: string | null;
  eventName: string | null;
  /** api-call, network-activity (a VPC endpoint's record of a call, not the call), service-event... */
  kind: EventKind;
  awsRegion: string | null;
  account: string | null;
  principal: string | null;
  role: string | null;
  principalType: string | null;
  actor: Actor;
  sourceIPAddress: string | null;
  userAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestID: string | null;
  accessKeyId: string | null;
  invokedBy: string | null;
  readOnly: boolean | null;
  /** The key ARN (an alias name when the event names its key only by an alias no history resolves). */
  key: string | null;
  keyAliases: string[];
  files: string[];
}

type DbRow = {
  seq: number; uid: string; time: number; errorMessage: string | null; requestId: string | null; readOnly: number | null;
  fileId: number; fingerprint: number;
  // Never null: every record has a kind and an actor.
  kind: EventKind; actor: Actor;
} & Omit<Record<typeof TEXT_FIELDS[TextColumn], string | null>, 'kind' | 'actor'>;

/** A row as read, its texts still ids: seq, uid, time, the text ids in TEXT_COLUMNS order, then the rest. */
type IdRow = [number, string, number, ...Array<number | null>];
const FIRST_TEXT = 3;
const AFTER_TEXTS = FIRST_TEXT + TEXT_COLUMNS.length;

// Read as arrays (named columns cost a third more), their texts by id from a lookup the connection keeps
// (TextLookup): through the events view, which looks up each of the sixteen texts in SQL, rows cost twice as much.
const SELECT_ROWS = `SELECT seq, ${unpackedIdSql('uid')}, time, ${TEXT_COLUMNS.map((column) => `${column}_id`).join(', ')},
  error_message, ${unpackedIdSql('request_id')}, read_only, file_id, fingerprint
  FROM event_rows WHERE seq IN (SELECT value FROM json_each(?))`;

/** Fetches full rows for the given seqs, in the given order. */
export function loadEventRows(db: IndexDb, seqs: number[]): EventRow[] {
  if (seqs.length === 0) return [];
  const read = db.prepare(SELECT_ROWS).raw().all(JSON.stringify(seqs)) as IdRow[];
  const texts = TextLookup.of(db);
  texts.load(textIdsOf(read));
  const rows = read.map((row) => named(row, texts));
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  const files = sourceFiles(db, rows);
  const keys = new KeyNames(db);
  return seqs.flatMap((seq) => {
    const row = bySeq.get(seq);
    return row ? [toEventRow(row, files.get(seq) ?? [], keys)] : [];
  });
}

function* textIdsOf(rows: IdRow[]): Generator<number | null> {
  for (const row of rows) for (let at = FIRST_TEXT; at < AFTER_TEXTS; at++) yield row[at] as number | null;
}

function named(row: IdRow, texts: TextLookup): DbRow {
  const out: Record<string, unknown> = {
    seq: row[0], uid: row[1], time: row[2], errorMessage: row[AFTER_TEXTS], requestId: row[AFTER_TEXTS + 1],
    readOnly: row[AFTER_TEXTS + 2], fileId: row[AFTER_TEXTS + 3], fingerprint: row[AFTER_TEXTS + 4],
  };
  TEXT_COLUMNS.forEach((column, at) => { out[TEXT_FIELDS[column]] = texts.text(row[FIRST_TEXT + at] as number | null); });
  return out as DbRow;
}

/** Each event's files: the one it was first read from, then the other deliveries of it. */
function sourceFiles(db: IndexDb, rows: DbRow[]): Map<number, string[]> {
  const paths = new Map<number, string>();
  const more = db.prepare('SELECT seq, file_id AS fileId FROM event_sources WHERE seq IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rows.map((row) => row.seq))) as Array<{ seq: number; fileId: number }>;
  const fileIds = new Set([...rows, ...more].map((row) => row.fileId));
  for (const { id, path } of db.prepare('SELECT id, path FROM files WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...fileIds])) as Array<{ id: number; path: string }>) paths.set(id, path);
  const result = new Map<number, string[]>();
  for (const { seq, fileId } of [...rows, ...more]) {
    const path = paths.get(fileId);
    if (path === undefined) continue;
    const list = result.get(seq) ?? [];
    list.push(path);
    result.set(seq, list);
  }
  return result;
}

function toEventRow(row: DbRow, files: string[], keys: KeyNames): EventRow {
  const key = row.keyRef ? keys.resolve(row.keyRef) : null;
  return {
    seq: row.seq, uid: row.uid, eventID: isMissingEventIdUid(row.uid) ? null : eventIdOfRow(row.uid, row.fingerprint), time: row.time, eventTime: formatTime(row.time),
    eventSource: row.source, eventName: row.name, kind: row.kind, awsRegion: row.region, account: row.account,
    principal: row.principal, role: row.role, principalType: row.principalType, actor: row.actor,
    sourceIPAddress: row.ip, userAgent: row.userAgent, errorCode: row.errorCode, errorMessage: row.errorMessage,
    requestID: row.requestId, accessKeyId: row.accessKey, invokedBy: row.invokedBy,
    readOnly: row.readOnly === null ? null : row.readOnly === 1,
    key: key?.display ?? null, keyAliases: key?.aliases ?? [], files,
  };
}
