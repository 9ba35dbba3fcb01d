import { renderChains } from './render-chains.js';
import { renderFindings } from './render-findings.js';
import { renderHeader, renderSummary } from './render-header.js';
import { renderEvidence, renderTimeline } from './render-timeline.js';
import type { IncidentReport } from './report.js';
import { safeJson } from '../text/safe-json.js';

/** The incident note as markdown: header, summary, findings, timeline, chains, evidence. */
export function renderMarkdown(report: IncidentReport): string {
  const sections = [
    renderHeader(report), renderSummary(report), renderFindings(report),
    renderTimeline(report), renderChains(report), renderEvidence(report),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

/** The same content for machines; safeJson keeps every log string inert. */
export function renderJson(report: IncidentReport): string {
  return `${safeJson(report, 2)}\n`;
}
