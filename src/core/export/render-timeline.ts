import { markdownCell, markdownTable, markdownText } from './markdown-text.js';
import type { IncidentReport, TimelineEntry } from './report.js';

/** A note stays readable in a ticket; the JSON export carries every row. */
export const TIMELINE_ROWS_SHOWN = 500;

function shownRows(report: IncidentReport): { rows: TimelineEntry[]; more: string } {
  const rows = report.timeline.slice(0, TIMELINE_ROWS_SHOWN);
  const left = report.timeline.length - rows.length;
  return { rows, more: left > 0 ? `\n\n${left} more event(s) are in the JSON export (--format json).` : '' };
}

/** The key's ARN (or id); empty when the logs only ever named the key by an alias. */
function keyArnOf(entry: TimelineEntry): string | null {
  return entry.key !== null && entry.keyAliases.includes(entry.key) ? null : entry.key;
}

/** Every event behind the findings, oldest first. */
export function renderTimeline(report: IncidentReport): string {
  if (report.timeline.length === 0) return '## Timeline\n\nNo events.';
  const { rows, more } = shownRows(report);
  const table = markdownTable(
    ['Time (UTC)', 'Event', 'Principal', 'Key alias', 'Key ARN', 'Source IP', 'Error', 'Finding'],
    rows.map((entry) => [
      entry.time ?? 'no time', markdownCell(entry.eventName), markdownCell(entry.principal),
      markdownCell(entry.keyAliases.join(', ')), markdownCell(keyArnOf(entry)), markdownCell(entry.sourceIP),
      markdownCell(entry.errorCode), entry.findings.join(', '),
    ]),
  );
  return `## Timeline\n\n${table}${more}`;
}

function integrityCell(report: IncidentReport, status: string | null): string {
  if (!report.integrity) return 'not validated';
  return status ?? 'not checked';
}

function eventIdCell(entry: TimelineEntry): string {
  if (entry.eventID === entry.uid || entry.eventID === null) return markdownText(entry.uid);
  // Documentation copies reuse event ids; the index tells them apart by uid, which `id:` takes.
  return `${markdownText(entry.eventID)} (indexed as ${markdownText(entry.uid)})`;
}

/** Event and request ids with every file the event came from and that file's integrity verdict. */
export function renderEvidence(report: IncidentReport): string {
  if (report.timeline.length === 0) return '## Evidence\n\nNo events.';
  const { rows, more } = shownRows(report);
  const cells = rows.flatMap((entry) => {
    const files = entry.files.length > 0 ? entry.files : [{ path: '', integrity: null }];
    return files.map((file) => [eventIdCell(entry), markdownCell(entry.requestID), markdownCell(file.path), integrityCell(report, file.integrity)]);
  });
  return `## Evidence\n\n${markdownTable(['Event ID', 'Request ID', 'Source file', 'Integrity'], cells)}${more}`;
}
