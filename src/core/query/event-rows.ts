import type { IndexDb } from '../index/open.js';
import type { EventKind } from '../normalize/event-kind.js';
import type { Actor } from '../normalize/types.js';
import { formatTime } from '../normalize/time.js';
import { KeyNames } from './key-names.js';
import { eventIdOfUid } from '../index/event-id.js';

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

interface DbRow {
  seq: number; uid: string; time: number; source: string | null; name: string | null; kind: EventKind;
  region: string | null; account: string | null; principal: string | null; role: string | null; principalType: string | null;
  actor: Actor; ip: string | null; userAgent: string | null; errorCode: string | null; errorMessage: string | null;
  requestId: string | null; accessKey: string | null; invokedBy: string | null; readOnly: number | null; keyRef: string | null;
  fileId: number;
}

// Through the events view: its texts looked up in SQL cost less than fetching them by id and assembling rows here.
const SELECT_ROWS = `SELECT seq, uid, time, source, name, kind, region, account, principal, role,
  principal_type AS principalType, actor, ip, user_agent AS userAgent,
  error_code AS errorCode, error_message AS errorMessage, request_id AS requestId, access_key AS accessKey,
  invoked_by AS invokedBy, read_only AS readOnly, key_ref AS keyRef, file_id AS fileId
  FROM events WHERE seq IN (SELECT value FROM json_each(?))`;

/** Fetches full rows for the given seqs, in the given order. */
export function loadEventRows(db: IndexDb, seqs: number[]): EventRow[] {
  if (seqs.length === 0) return [];
  const rows = db.prepare(SELECT_ROWS).all(JSON.stringify(seqs)) as DbRow[];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  const files = sourceFiles(db, seqs);
  const keys = new KeyNames(db);
  return seqs.flatMap((seq) => {
    const row = bySeq.get(seq);
    return row ? [toEventRow(row, files.get(seq) ?? [], keys)] : [];
  });
}

function sourceFiles(db: IndexDb, seqs: number[]): Map<number, string[]> {
  const sql = `SELECT e.seq AS seq, f.path AS path FROM events e JOIN files f ON f.id = e.file_id WHERE e.seq IN (SELECT value FROM json_each(?))
    UNION ALL SELECT s.seq, f.path FROM event_sources s JOIN files f ON f.id = s.file_id WHERE s.seq IN (SELECT value FROM json_each(?))`;
  const result = new Map<number, string[]>();
  for (const { seq, path } of db.prepare(sql).all(JSON.stringify(seqs), JSON.stringify(seqs)) as Array<{ seq: number; path: string }>) {
    const list = result.get(seq) ?? [];
    list.push(path);
    result.set(seq, list);
  }
  return result;
}

function toEventRow(row: DbRow, files: string[], keys: KeyNames): EventRow {
  const key = row.keyRef ? keys.resolve(row.keyRef) : null;
  return {
    seq: row.seq, uid: row.uid, eventID: row.uid.startsWith('nid-') ? null : eventIdOfUid(row.uid), time: row.time, eventTime: formatTime(row.time),
    eventSource: row.source, eventName: row.name, kind: row.kind, awsRegion: row.region, account: row.account,
    principal: row.principal, role: row.role, principalType: row.principalType, actor: row.actor,
    sourceIPAddress: row.ip, userAgent: row.userAgent, errorCode: row.errorCode, errorMessage: row.errorMessage,
    requestID: row.requestId, accessKeyId: row.accessKey, invokedBy: row.invokedBy,
    readOnly: row.readOnly === null ? null : row.readOnly === 1,
    key: key?.display ?? null, keyAliases: key?.aliases ?? [], files,
  };
}
