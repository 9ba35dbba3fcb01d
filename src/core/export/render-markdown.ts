import { safeJson } from '../text/safe-json.js';
import { codeSpan } from './markdown-text.js';
import { fitsBudget, NOTE_DETAILS, type NoteDetail } from './note-budget.js';
import { plural } from './render-parts.js';
import { renderFindings } from './render-findings.js';
import { renderOpen } from './render-open.js';
import { renderIndicators, renderSummary } from './render-summary.js';
import { renderTimeline } from './render-timeline.js';
import type { IncidentReport } from './report.js';

/** Where every event of every finding is, and how much of it validation vouches for. */
function renderEvidence(report: IncidentReport): string {
  const { evidence } = report;
  const where = evidence.file ? `is in ${codeSpan(evidence.file)} beside this note (JSON Lines, one event a line)`
    : 'was not written: the note went to standard output; export to a file to get it';
  const integrity = evidence.integrity.map((entry) => `${entry.count.toLocaleString('en-US')} ${entry.value}`).join(', ');
  const partial = evidence.partial.map((entry) => `finding ${entry.finding} matches ${plural(entry.total, 'event')}, of which it holds the newest ${entry.inFile.toLocaleString('en-US')}`);
  return ['## Evidence', '',
    `${partial.length > 0 ? 'The events' : 'Every event'} of every finding, with its event id, request id, source files and their integrity verdict, ${where}: `
    + `${plural(evidence.events, 'event')} from ${plural(evidence.sourceFiles, 'log file')}${integrity ? ` (file verdicts: ${integrity})` : ''}`
    + `${partial.length > 0 ? `. Not every one: ${partial.slice(0, 5).join('; ')}${partial.length > 5 ? `; and ${partial.length - 5} more such findings` : ''} (its reproduce command lists them all)` : ''}.`,
  ].join('\n');
}

function renderAt(report: IncidentReport, detail: NoteDetail): string {
  const sections = [
    renderSummary(report, detail), renderIndicators(report, detail), renderTimeline(report, detail),
    renderOpen(report, detail), renderFindings(report, detail), renderEvidence(report),
  ];
  return `${sections.join('\n\n')}\n`;
}

/**
 * The incident note as markdown: headline and summary, indicators, timeline, still
 * open, findings, evidence. It is told at the most detailed level that fits the
 * note's budget (NOTE_BUDGET); what a level leaves out is counted where it would be.
 */
export function renderMarkdown(report: IncidentReport): string {
  let note = '';
  for (const detail of NOTE_DETAILS) {
    note = renderAt(report, detail);
    if (fitsBudget(note)) break;
  }
  return note;
}

/** The same content for machines; safeJson keeps every log string inert. */
export function renderJson(report: IncidentReport): string {
  return `${safeJson(report, 2)}\n`;
}
