import { codeSpan, markdownText } from './markdown-text.js';
import { firstOf, type NoteDetail } from './note-budget.js';
import { plural, principalCode, timeSpan } from './render-parts.js';
import { shellCommand } from './shell-quote.js';
import type { ChainSummary, IncidentReport, ReportFinding, SampleEvent } from './report.js';

const KIND_LABEL: Record<ReportFinding['kind'], string> = {
  event: 'Event', chain: 'Chain from event', hit: 'Detection hit', filter: 'Filter',
};

/** What was marked; a single marked event is told by its one event line instead. */
function markedLine(finding: ReportFinding): string[] {
  if (finding.kind === 'event' && finding.samples.length === 1) return [];
  const hit = finding.hit ? ` (${markdownText(finding.hit.severity)}): ${markdownText(finding.hit.reason)}` : '';
  return [`- ${KIND_LABEL[finding.kind]} ${codeSpan(finding.reference)}${hit}`];
}

function chainLines(chain: ChainSummary | null): string[] {
  if (!chain) return [];
  const steps = chain.path.map((step, index) => `${index === 0 ? '' : ' → '}${codeSpan(step.eventName ?? 'unnamed call')} by ${principalCode(step.principal)}`
    + `${step.via ? ` (same ${markdownText(step.via.kind)} ${codeSpan(step.via.value)})` : ''}`);
  const gaps = chain.missing.map((gap) => `; missing from the logs: ${markdownText(gap)}`).join('');
  const root = chain.root ? codeSpan(chain.root) : 'not shown by the indexed logs';
  return [`- Started by ${root}, ${plural(chain.members, 'member')}${chain.truncated ? ' (cut short at its size or time bound)' : ''}: ${steps.join('')}${gaps}`];
}

function sampleText(event: SampleEvent): string {
  const error = event.errorCode ? ` failed ${codeSpan(event.errorCode)}` : '';
  return `${event.time ?? 'no time'} ${codeSpan(event.eventName ?? 'unnamed call')} by ${principalCode(event.principal)}`
    + `${event.sourceIP ? ` from ${codeSpan(event.sourceIP)}` : ''}${error} (${codeSpan(event.uid)})`;
}

function eventLines(finding: ReportFinding): string[] {
  if (finding.total === 0) return [`- No events${finding.problem ? `: ${markdownText(finding.problem)}` : ''}`];
  const problem = finding.problem ? ` (${markdownText(finding.problem)})` : '';
  if (finding.total === 1 && finding.samples.length === 1) return [`- ${finding.kind === 'event' ? 'Event: ' : ''}${sampleText(finding.samples[0]!)}${problem}`];
  const span = finding.window ? `, ${timeSpan(finding.window.from, finding.window.to)}` : '';
  return [`- ${plural(finding.total, 'event')}${span}${problem}, e.g.:`, ...finding.samples.map((sample) => `  - ${sampleText(sample)}`)];
}

function reproduceLine(finding: ReportFinding): string[] {
  if (!finding.reproduce) return [];
  const exact = finding.reproduce.exact ? '' : ' (not exact: characters a shell line cannot carry became `*`, or the events changed since)';
  return [`- Reproduce${exact}: ${codeSpan(finding.reproduce.command)}`];
}

/** A note as a heading or a line: a page of text is cut (the JSON export has it whole). */
const NOTE_CHARS_SHOWN = 300;

function noteText(finding: ReportFinding): string {
  const note = finding.note.trim();
  if (note === '') return '(no note)';
  return note.length > NOTE_CHARS_SHOWN ? `${markdownText(note.slice(0, NOTE_CHARS_SHOWN))}…` : markdownText(note);
}

function renderFinding(finding: ReportFinding): string {
  return [`### ${finding.id}. ${noteText(finding)}`, '', ...markedLine(finding), ...chainLines(finding.chain), ...eventLines(finding), ...reproduceLine(finding)].join('\n');
}

/** A finding past the detail level's full ones: its note and how many events, which the evidence file holds. */
function findingLine(finding: ReportFinding): string {
  const span = finding.window ? `, ${timeSpan(finding.window.from, finding.window.to)}` : '';
  return `- **${finding.id}.** ${noteText(finding)}: ${plural(finding.total, 'event')}${span}`;
}

/** The findings past the full ones, one line each, then only counted. */
function findingLines(findings: readonly ReportFinding[], detail: NoteDetail): string[] {
  if (findings.length === 0) return [];
  const { shown, left } = firstOf(findings, detail.findingLines);
  const tail = left > 0 ? [`${shown.length > 0 ? '\n' : ''}${plural(left, 'more finding')}: their events are in the evidence file, by finding number.`] : [];
  return [`${plural(findings.length, 'more finding')}, in short:`, [...shown.map(findingLine), ...tail].join('\n')];
}

/** Each finding with the responder's note, a few of its events and the command that shows them all again. */
export function renderFindings(report: IncidentReport, detail: NoteDetail): string {
  if (report.findings.length === 0) return '## Findings\n\nNo findings were marked.';
  const logs = report.logDirectory ? codeSpan(shellCommand(['keytrail', 'index', report.logDirectory])) : 'indexing the same logs';
  const full = firstOf(report.findings, detail.findingsInFull);
  const file = report.evidence.file;
  const readsEvidence = file !== null && full.shown.some((finding) => finding.reproduce?.command.includes(`jq -r`));
  const beside = readsEvidence ? ` Those with many events read their ids from ${codeSpan(file)} with \`jq\`: run them where that file is.` : '';
  return [
    `## Findings\n\nReproduce commands run on any machine with the same logs, after ${logs}.${beside}`,
    ...full.shown.map(renderFinding), ...findingLines(report.findings.slice(full.shown.length), detail),
  ].join('\n\n');
}
