import { markdownCell, markdownTable, markdownText } from './markdown-text.js';
import type { IncidentReport, Tally } from './report.js';

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

function indexLine(report: IncidentReport): string {
  const { index } = report;
  const span = index.firstEvent ? `, events from ${index.firstEvent} to ${index.lastEvent}` : '';
  const where = index.path ? `${markdownText(index.path)}: ` : '';
  return `${where}${plural(index.events, 'event')} from ${plural(index.files, 'log file')}, `
    + `${plural(index.rejectedRecords, 'rejected record')}${span}`;
}

function integrityLine(report: IncidentReport): string {
  if (!report.integrity) return 'not validated (run keytrail validate DIR --db INDEX to check the logs against their digests)';
  const counts = Object.entries(report.integrity.counts).map(([status, count]) => `${count.toLocaleString('en-US')} ${status}`).join(', ');
  return `validated at ${report.integrity.checkedAt}: ${counts}`;
}

/** Title and the facts a reader needs first: when, from which logs, how complete. */
export function renderHeader(report: IncidentReport): string {
  const window = report.window ? `${report.window.from} to ${report.window.to}` : 'no timed events';
  return [
    `# ${markdownText(report.title)}`,
    '',
    markdownTable(['Field', 'Value'], [
      ['Time window (UTC)', window],
      ['Generated at (UTC)', report.generatedAt],
      ['Log directory', markdownCell(report.logDirectory ?? 'not recorded')],
      ['Index', indexLine(report)],
      ['Integrity', integrityLine(report)],
    ]),
  ].join('\n');
}

function tallies(entries: readonly Tally[]): string {
  return entries.length === 0 ? 'none' : entries.map((entry) => `${markdownText(entry.value)} (${entry.count})`).join(', ');
}

function findingKinds(report: IncidentReport): string {
  const counts = new Map<string, number>();
  for (const finding of report.findings) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => plural(count, kind)).join(', ');
}

/** Who and what is involved, and how many of each event. */
export function renderSummary(report: IncidentReport): string {
  const { summary } = report;
  const kinds = report.findings.length > 0 ? ` (${findingKinds(report)})` : '';
  const keys = summary.keys.map((key) => ({
    // A key known only by its alias is shown once, not as "alias = alias".
    value: key.aliases.length > 0 && !key.aliases.includes(key.value) ? `${key.aliases.join(', ')} = ${key.value}` : key.value,
    count: key.count,
  }));
  return [
    '## Summary',
    '',
    `${plural(report.findings.length, 'finding')}${kinds} over ${plural(summary.events, 'event')}.`,
    '',
    `- **Principals:** ${tallies(summary.principals)}`,
    `- **KMS keys:** ${tallies(keys)}`,
    `- **Source IPs:** ${tallies(summary.ips)}`,
    `- **Accounts:** ${tallies(summary.accounts)}`,
    ...(summary.eventNames.length === 0 ? [] : ['',
      markdownTable(['Event', 'Count'], summary.eventNames.map((entry) => [markdownText(entry.value), String(entry.count)]))]),
  ].join('\n');
}
