import { fencedBlock, markdownText } from './markdown-text.js';
import type { IncidentReport, ReportFinding } from './report.js';

const KIND_LABEL: Record<ReportFinding['kind'], string> = {
  event: 'event', chain: 'chain from event', hit: 'detection hit', filter: 'filter',
};

type TimeByUid = ReadonlyMap<string, string | null>;

function eventsLine(finding: ReportFinding, timeByUid: TimeByUid): string {
  const times = finding.events.map((uid) => timeByUid.get(uid)).filter(Boolean);
  const span = times.length > 0 ? `, ${times[0]} to ${times[times.length - 1]}` : '';
  const listed = finding.events.length < finding.total ? ` (the timeline lists the first ${finding.events.length})` : '';
  return `- **Events:** ${finding.total}${span}${listed}`;
}

function detailLines(finding: ReportFinding): string[] {
  const lines: string[] = [];
  if (finding.hit) {
    lines.push(`- **Rule:** ${markdownText(finding.hit.rule)} (${markdownText(finding.hit.severity)}): ${markdownText(finding.hit.title)}`);
    lines.push(`- **Why it fired:** ${markdownText(finding.hit.reason)}`);
  }
  if (finding.chain) {
    const root = finding.chain.root ? markdownText(finding.chain.root.principal) : 'not shown by the indexed logs';
    lines.push(`- **Started by:** ${root}`);
    for (const gap of finding.chain.missing) lines.push(`- **Missing from the logs:** ${markdownText(gap)}`);
    if (finding.chain.truncated) lines.push('- **Cut short:** the chain reached its size or time bound');
  }
  if (finding.problem) lines.push(`- **Problem:** ${markdownText(finding.problem)}`);
  return lines;
}

function reproduceLines(finding: ReportFinding): string[] {
  if (!finding.reproduce) return [];
  const how = finding.reproduce.exact ? 'Reproduce (returns exactly these events):'
    : 'Reproduce (not exact: characters a shell line cannot carry became `*`, or the finding\'s events changed since):';
  return ['', how, '', fencedBlock(finding.reproduce.command, 'sh')];
}

function renderFinding(finding: ReportFinding, timeByUid: TimeByUid): string {
  const note = finding.note.trim() === '' ? '(no note)' : markdownText(finding.note);
  return [
    `### Finding ${finding.id}: ${note}`,
    '',
    `- **Marked:** ${KIND_LABEL[finding.kind]} ${markdownText(finding.reference)}, at ${finding.markedAt}`,
    ...detailLines(finding),
    eventsLine(finding, timeByUid),
    ...reproduceLines(finding),
  ].join('\n');
}

/** Each finding with its note, what it is, and the command that shows its events again. */
export function renderFindings(report: IncidentReport): string {
  if (report.findings.length === 0) return '## Findings\n\nNo findings were marked.';
  const timeByUid = new Map(report.timeline.map((entry) => [entry.uid, entry.time]));
  return ['## Findings', ...report.findings.map((finding) => renderFinding(finding, timeByUid))].join('\n\n');
}
