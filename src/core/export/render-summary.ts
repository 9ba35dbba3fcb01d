import { codeSpan, markdownText } from './markdown-text.js';
import { firstOf, type NoteDetail } from './note-budget.js';
import { codeList, duration, keyCode, operationCounts, plural, principalCode, tallyCodes, timeSpan } from './render-parts.js';
import type { IncidentReport, KeyUse, OpenKind } from './report.js';

const OPEN_NOUN: Record<OpenKind, string> = {
  grant: 'grant', policy: 'key policy admitting an outside account', rotation: 'key with rotation off',
  deletion: 'key deletion pending', deleted: 'key past its deletion date', disabled: 'disabled key', 'access-key': 'access key still active',
};

/** A change taken back, as `<noun> <subject> <verb> by ...`. */
const TAKEN_BACK: Record<OpenKind, [string, string]> = {
  grant: ['grant on', 'retired or revoked'], policy: ['key policy of', 'replaced'], rotation: ['rotation of', 'turned back on'],
  deletion: ['deletion of', 'cancelled'], deleted: ['deletion of', 'cancelled'], disabled: ['key', 'enabled again'], 'access-key': ['access key', 'deactivated'],
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
  return `**${who}: ${plural(summary.calls, 'call')} on ${plural(summary.keys.length, 'KMS key')} from ${plural(report.indicators.ips.length, 'address', 'addresses')}, `
    + `${windowText(report)}; ${open}.**`;
}

function keyLine(key: KeyUse): string {
  // A key known only by an alias is named once, not as `alias (alias)`.
  const name = key.aliases.length > 0 && !key.aliases.includes(key.key) ? `${key.aliases.map(codeSpan).join(' = ')} (${codeSpan(key.key)})` : codeSpan(key.key);
  return `${name}: ${operationCounts(key.operations)}${key.failed > 0 ? ` (${key.failed.toLocaleString('en-US')} failed)` : ''}`;
}

/** `; and 3 more principals (where)` when a list was cut short. */
function more(left: number, noun: string, where: string): string {
  return left > 0 ? `; and ${plural(left, `more ${noun}`, `more ${noun}s`)} (${where})` : '';
}

function whoLine(report: IncidentReport, detail: NoteDetail): string {
  if (report.summary.actors.length === 0) return 'no principal\'s own calls are marked';
  const { shown, left } = firstOf(report.summary.actors, detail.values);
  return shown.map((actor) => `${codeSpan(actor.value)} (${plural(actor.count, 'call')}`
    + `${actor.outsideAccount ? `, from outside account ${codeSpan(actor.outsideAccount)}` : ''}`
    + `${actor.root ? `; its chain leads back to ${codeSpan(actor.root)}` : ''})`).join('; ') + more(left, 'principal', 'in the evidence file');
}

function whatLine(report: IncidentReport, detail: NoteDetail): string {
  const { shown, left } = firstOf(report.summary.keys, detail.values);
  return `${plural(report.summary.calls, 'call')}${shown.map((key) => `; ${keyLine(key)}`).join('')}${more(left, 'key', 'in the evidence file')}`;
}

function impactLine(report: IncidentReport, detail: NoteDetail): string {
  const { summary } = report;
  const { shown, left } = firstOf(summary.keys, detail.values);
  const keys = `${shown.map((key) => keyCode(key.key, key.aliases)).join(', ') || 'no key'}${left > 0 ? ` and ${plural(left, 'more key')}` : ''}`;
  const contexts = summary.contexts.length > 0 ? `; encryption contexts in their calls (whose data): ${tallyCodes(summary.contexts)}` : '';
  const open = report.open.length > 0 ? `; still standing: ${[...new Set(report.open.map((item) => OPEN_NOUN[item.kind]))].join(', ')}` : '';
  return `data under ${keys}${contexts}${open}`;
}

function containedLine(report: IncidentReport, detail: NoteDetail): string[] {
  if (report.closed.length === 0) return [];
  const { shown, left } = firstOf(report.closed, detail.values);
  const items = shown.map((item) => {
    const [noun, verb] = TAKEN_BACK[item.kind];
    return `${noun} ${codeSpan(item.subjectAliases[0] ?? item.subject)} ${verb} by ${principalCode(item.closedBy)} at ${item.closedAt ?? 'no time'}`;
  });
  return [`- **Taken back in the logs:** ${items.join('; ')}${more(left, 'change', 'the JSON export lists them')}`];
}

function outsideAccounts(report: IncidentReport, detail: NoteDetail): string {
  const { shown, left } = firstOf(report.summary.externalAccounts, detail.values);
  return shown.length > 0 ? `; outside accounts ${codeList(shown)}${left > 0 ? ` and ${left.toLocaleString('en-US')} more` : ''}` : '';
}

/** Title, headline and the summary a manager reads in 30 seconds: who, what, when, from where, impact. */
export function renderSummary(report: IncidentReport, detail: NoteDetail): string {
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
    `- **Who:** ${whoLine(report, detail)}`,
    `- **What:** ${whatLine(report, detail)}`,
    `- **When (UTC):** ${windowText(report)}: the actors' calls in the marked events and detection hits, widened by their calls in the marked chains and filters that come within two hours of it`,
    `- **From where:** ${tallyCodes(summary.ips)}${outsideAccounts(report, detail)}`,
    `- **Impact:** ${impactLine(report, detail)}`,
    ...containedLine(report, detail),
  ].join('\n');
}

function integrityText(report: IncidentReport): string {
  if (!report.integrity) return 'logs not validated against their digests (`keytrail validate`)';
  const counts = Object.entries(report.integrity.counts).map(([status, count]) => `${count.toLocaleString('en-US')} ${status}`).join(', ');
  return `logs validated at ${report.integrity.checkedAt}: ${counts}`;
}

function indicatorLine(label: string, values: readonly string[], detail: NoteDetail): string {
  const { shown, left } = firstOf(values, detail.values);
  return `- **${label}:** ${codeList(shown)}${left > 0 ? ` and ${left.toLocaleString('en-US')} more (the JSON export, \`--format json\`, lists them all)` : ''}`;
}

/** Values to paste into other tools, as many as the note's detail level holds. */
export function renderIndicators(report: IncidentReport, detail: NoteDetail): string {
  const { indicators } = report;
  const lines = [
    ['IP addresses', indicators.ips], ['Access key ids', indicators.accessKeyIds], ['Principals', indicators.principals],
    ['Outside accounts', indicators.externalAccounts], ['User agents', indicators.userAgents], ['Grant ids', indicators.grantIds],
  ] as const;
  return ['## Indicators', '', ...lines.filter(([, values]) => values.length > 0).map(([label, values]) => indicatorLine(label, values, detail))].join('\n');
}
