import { codeSpan, markdownText } from './markdown-text.js';
import { codeList, duration, keyCode, operationCounts, plural, principalCode, tallyCodes, timeSpan } from './render-parts.js';
import type { IncidentReport, KeyUse, OpenKind } from './report.js';

const OPEN_NOUN: Record<OpenKind, string> = {
  grant: 'grant', policy: 'key policy admitting an outside account', rotation: 'key with rotation off',
  deletion: 'key deletion pending', disabled: 'disabled key', 'access-key': 'access key still active',
};

/** A change taken back, as `<noun> <subject> <verb> by ...`. */
const TAKEN_BACK: Record<OpenKind, [string, string]> = {
  grant: ['grant on', 'retired or revoked'], policy: ['key policy of', 'replaced'], rotation: ['rotation of', 'turned back on'],
  deletion: ['deletion of', 'cancelled'], disabled: ['key', 'enabled again'], 'access-key': ['access key', 'deactivated'],
};

function windowText(report: IncidentReport): string {
  if (!report.window) return 'no timed events';
  const { from, to } = report.window;
  return from === to ? from : `${timeSpan(from, to)} (${duration(from, to)})`;
}

/** One sentence for the channel: who, how much, on what, when, and how much is still open. */
function headline(report: IncidentReport): string {
  const { summary } = report;
  const [first, ...others] = summary.actors;
  if (!first) return '**No calls by an actor are marked as findings.**';
  const who = `${principalCode(first.value)}${others.length > 0 ? ` and ${plural(others.length, 'other principal')}` : ''}`;
  const open = report.open.length > 0 ? `${plural(report.open.length, 'change')} still in place` : 'nothing left open in the logs';
  return `**${who}: ${plural(summary.calls, 'call')} on ${plural(summary.keys.length, 'KMS key')} from ${plural(summary.ips.length, 'address', 'addresses')}, `
    + `${windowText(report)}; ${open}.**`;
}

function keyLine(key: KeyUse): string {
  // A key known only by an alias is named once, not as `alias (alias)`.
  const name = key.aliases.length > 0 && !key.aliases.includes(key.key) ? `${key.aliases.map(codeSpan).join(' = ')} (${codeSpan(key.key)})` : codeSpan(key.key);
  return `${name}: ${operationCounts(key.operations)}${key.failed > 0 ? ` (${key.failed.toLocaleString('en-US')} failed)` : ''}`;
}

function whoLine(report: IncidentReport): string {
  if (report.summary.actors.length === 0) return 'no principal\'s own calls are marked';
  return report.summary.actors.map((actor) => `${codeSpan(actor.value)} (${plural(actor.count, 'call')}`
    + `${actor.outsideAccount ? `, from outside account ${codeSpan(actor.outsideAccount)}` : ''}`
    + `${actor.root ? `; its chain leads back to ${codeSpan(actor.root)}` : ''})`).join('; ');
}

function impactLine(report: IncidentReport): string {
  const { summary } = report;
  const keys = summary.keys.map((key) => keyCode(key.key, key.aliases)).join(', ') || 'no key';
  const contexts = summary.contexts.length > 0 ? `; encryption contexts in their calls (whose data): ${tallyCodes(summary.contexts)}` : '';
  const open = report.open.length > 0 ? `; still standing: ${[...new Set(report.open.map((item) => OPEN_NOUN[item.kind]))].join(', ')}` : '';
  return `data under ${keys}${contexts}${open}`;
}

function containedLine(report: IncidentReport): string[] {
  if (report.closed.length === 0) return [];
  const items = report.closed.map((item) => {
    const [noun, verb] = TAKEN_BACK[item.kind];
    return `${noun} ${codeSpan(item.subjectAliases[0] ?? item.subject)} ${verb} by ${principalCode(item.closedBy)} at ${item.closedAt ?? 'no time'}`;
  });
  return [`- **Taken back in the logs:** ${items.join('; ')}`];
}

/** Title, headline and the summary a manager reads in 30 seconds: who, what, when, from where, impact. */
export function renderSummary(report: IncidentReport): string {
  const { summary, index } = report;
  const logs = report.logDirectory ? codeSpan(report.logDirectory) : 'a log folder the index does not record';
  return [
    `# ${markdownText(report.title)}`,
    '',
    headline(report),
    '',
    `Generated ${report.generatedAt} from ${logs}: ${plural(index.events, 'event')} in ${plural(index.files, 'log file')}, `
      + `${index.firstEvent ?? 'no time'} to ${index.lastEvent ?? 'no time'}; ${integrityText(report)}.`,
    '',
    '## Summary',
    '',
    `- **Who:** ${whoLine(report)}`,
    `- **What:** ${plural(summary.calls, 'call')}${summary.keys.length > 0 ? `; ${summary.keys.map(keyLine).join('; ')}` : ''}`,
    `- **When (UTC):** ${windowText(report)}: the actors' calls in the marked events and detection hits, and those that follow on within two hours`,
    `- **From where:** ${tallyCodes(summary.ips)}${summary.externalAccounts.length > 0 ? `; outside accounts ${codeList(summary.externalAccounts)}` : ''}`,
    `- **Impact:** ${impactLine(report)}`,
    ...containedLine(report),
  ].join('\n');
}

function integrityText(report: IncidentReport): string {
  if (!report.integrity) return 'logs not validated against their digests (`keytrail validate`)';
  const counts = Object.entries(report.integrity.counts).map(([status, count]) => `${count.toLocaleString('en-US')} ${status}`).join(', ');
  return `logs validated at ${report.integrity.checkedAt}: ${counts}`;
}

/** Values to paste into other tools, in full. */
export function renderIndicators(report: IncidentReport): string {
  const { indicators } = report;
  const lines = [
    ['IP addresses', indicators.ips], ['Access key ids', indicators.accessKeyIds], ['Principals', indicators.principals],
    ['Outside accounts', indicators.externalAccounts], ['User agents', indicators.userAgents], ['Grant ids', indicators.grantIds],
  ] as const;
  return ['## Indicators', '', ...lines.filter(([, values]) => values.length > 0).map(([label, values]) => `- **${label}:** ${codeList(values)}`)].join('\n');
}
