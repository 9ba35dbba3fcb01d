import type { IntegrityStatus } from '../validate/types.js';
import { safeJson } from '../text/safe-json.js';
import type { EvidenceSummary } from './report.js';
import type { FindingEvent } from './scope.js';
import { tally } from './summary.js';

/** What validation said of a source file: its verdict, or why there is none. */
export type FileIntegrity = IntegrityStatus | 'not validated' | 'not checked';

/** One line of the evidence file: an event behind the findings, with its ids and every file it came from. */
export interface EvidenceRecord {
  uid: string;
  eventID: string | null;
  requestID: string | null;
  eventTime: string | null;
  eventName: string | null;
  principal: string | null;
  key: string | null;
  sourceIP: string | null;
  errorCode: string | null;
  findings: number[];
  files: Array<{ path: string; integrity: FileIntegrity }>;
}

/** `integrity` maps a source file to its verdict; null when validation never ran on this index. */
export function evidenceRecords(events: readonly FindingEvent[], integrity: ReadonlyMap<string, IntegrityStatus> | null): EvidenceRecord[] {
  return events.map(({ row, findings }) => ({
    uid: row.uid, eventID: row.eventID, requestID: row.requestID, eventTime: row.eventTime, eventName: row.eventName,
    principal: row.principal, key: row.key, sourceIP: row.sourceIPAddress, errorCode: row.errorCode, findings,
    files: row.files.map((path) => ({ path, integrity: integrity ? integrity.get(path) ?? 'not checked' : 'not validated' })),
  }));
}

/** JSON Lines: one event per line, every log string inert (safeJson). */
export function evidenceJsonLines(records: readonly EvidenceRecord[]): string {
  return records.map((record) => `${safeJson(record)}\n`).join('');
}

/** The evidence file, as the note summarises it. */
export function evidenceSummary(records: readonly EvidenceRecord[], file: string | null, partial: EvidenceSummary['partial'] = []): EvidenceSummary {
  const verdicts = new Map(records.flatMap((record) => record.files).map((entry) => [entry.path, entry.integrity]));
  return { file, events: records.length, sourceFiles: verdicts.size, integrity: tally(verdicts.values()), partial };
}
