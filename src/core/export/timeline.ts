import type { FindingEvidence } from '../findings/evidence.js';
import type { EventRow } from '../query/event-rows.js';
import type { IntegrityStatus } from '../validate/types.js';
import type { TimelineEntry } from './report.js';

/** Every event behind the findings once, oldest first, with the findings it belongs to. */
export function mergeEvidenceRows(evidences: readonly FindingEvidence[]): Array<{ row: EventRow; findings: number[] }> {
  const byUid = new Map<string, { row: EventRow; findings: number[] }>();
  for (const evidence of evidences) {
    for (const row of evidence.rows) {
      const entry = byUid.get(row.uid) ?? { row, findings: [] };
      if (!entry.findings.includes(evidence.finding.id)) entry.findings.push(evidence.finding.id);
      byUid.set(row.uid, entry);
    }
  }
  return [...byUid.values()].sort((a, b) => a.row.time - b.row.time || a.row.seq - b.row.seq);
}

/** One timeline entry; `integrity` maps a source file to its verdict when validation has run. */
export function timelineEntry(row: EventRow, findings: number[], integrity: ReadonlyMap<string, IntegrityStatus>): TimelineEntry {
  return {
    uid: row.uid, eventID: row.eventID, time: row.eventTime, eventName: row.eventName, principal: row.principal,
    key: row.key, keyAliases: row.keyAliases, sourceIP: row.sourceIPAddress, errorCode: row.errorCode,
    requestID: row.requestID, files: row.files.map((path) => ({ path, integrity: integrity.get(path) ?? null })), findings,
  };
}
