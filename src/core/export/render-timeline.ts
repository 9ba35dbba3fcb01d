import { codeSpan } from './markdown-text.js';
import { firstOf, type NoteDetail } from './note-budget.js';
import { keyCode, operationCounts, plural, principalCode, timeSpan } from './render-parts.js';
import type { IncidentReport, Moment } from './report.js';

function momentLine(moment: Moment): string {
  const count = moment.count > 1 ? `${moment.count.toLocaleString('en-US')}× ` : '';
  const key = moment.key ? ` on ${keyCode(moment.key, moment.keyAliases)}` : '';
  const from = moment.sourceIPs.length === 1 ? ` from ${codeSpan(moment.sourceIPs[0])}`
    : moment.sourceIPs.length > 1 ? ` from ${plural(moment.sourceIPs.length, 'address', 'addresses')}` : '';
  const failed = moment.errors.length === 0 ? ''
    : `, ${moment.errors.reduce((sum, error) => sum + error.count, 0) === moment.count ? 'all' : 'some'} failed (${operationCounts(moment.errors)})`;
  const lead = moment.containment ? '**Containment:** ' : '';
  return `- ${timeSpan(moment.from, moment.to)} ${lead}${count}${codeSpan(moment.eventName ?? 'unnamed call')} by ${principalCode(moment.principal)}${key}${from}`
    + `${failed}; ${moment.count > 1 ? 'e.g. ' : ''}${codeSpan(moment.sampleEvent)} (finding ${moment.findings.join(', ')})`;
}

/** The attack as moments: runs of one call collapsed, containment calls by others marked. */
export function renderTimeline(report: IncidentReport, detail: NoteDetail): string {
  const { shown, left } = firstOf(report.timeline, detail.moments);
  const notes = [
    ...(left > 0 ? [`${plural(left, 'later moment')} are left out here; the evidence file lists every event.`] : []),
    ...(report.contextEvents > 0 ? [`${plural(report.contextEvents, 'other event')} of the findings (other principals' calls, and the actors' calls outside the window) are context: in the evidence file, not here.`] : []),
  ];
  if (shown.length === 0) return ['## Timeline (UTC)', '', 'No calls by an actor.', ...notes.map((note) => `\n${note}`)].join('\n');
  return ['## Timeline (UTC)', '', ...shown.map(momentLine), ...(notes.length > 0 ? ['', notes.join(' ')] : [])].join('\n');
}
