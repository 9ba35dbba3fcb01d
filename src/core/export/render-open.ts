import { codeSpan, fencedBlock } from './markdown-text.js';
import { firstOf, type NoteDetail } from './note-budget.js';
import { plural, principalCode } from './render-parts.js';
import type { IncidentReport, OpenItem, OpenKind } from './report.js';

const OPEN_LABEL: Record<OpenKind, string> = {
  grant: 'Grant never retired or revoked', policy: 'Key policy lets another account in', rotation: 'Automatic rotation off',
  deletion: 'Deletion pending', deleted: 'Deletion due, never cancelled', disabled: 'Key disabled', 'access-key': 'Access key not deactivated',
};

function facts(item: OpenItem): string {
  return item.facts.map((fact) => `${fact.label} ${codeSpan(fact.value)}`).join(', ');
}

function subject(item: OpenItem): string {
  if (item.kind === 'access-key') return codeSpan(item.subject);
  return item.subjectAliases.length > 0 && !item.subjectAliases.includes(item.subject) ? `${codeSpan(item.subjectAliases[0])} (${codeSpan(item.subject)})` : codeSpan(item.subject);
}

const POLICY_LINES_SHOWN = 40;
const POLICY_BYTES_SHOWN = 4096;

/** Where previous-policy.json comes from: the logs when they hold the policy before the change, else the responder's records. */
function policySource(item: OpenItem): string[] {
  if (item.kind !== 'policy') return [];
  if (!item.previousPolicy) {
    return ['   The logs hold no earlier policy of this key: write `previous-policy.json` from your own records, without the statements that let the account in.'];
  }
  const { json, event } = item.previousPolicy;
  // A key policy may be 32 KB: past a screenful it is pointed at, not copied.
  if (json.split('\n').length > POLICY_LINES_SHOWN || Buffer.byteLength(json) > POLICY_BYTES_SHOWN) {
    return [`   \`previous-policy.json\`: the \`policy\` request parameter of ${codeSpan(event)}, the policy before this change (too long to copy here).`];
  }
  const block = fencedBlock(json, 'json').split('\n').map((line) => `   ${line}`);
  return [`   \`previous-policy.json\`, the policy set by ${codeSpan(event)} before this change:`, '', ...block];
}

/** A one-line item's pointer to the policy its command needs. */
function policyHint(item: OpenItem): string {
  if (item.kind !== 'policy') return '';
  return item.previousPolicy ? ` (\`previous-policy.json\`: the policy set by ${codeSpan(item.previousPolicy.event)})` : ' (`previous-policy.json` from your own records)';
}

/** `**Grant never retired or revoked:** `alias/x` (...), grant `...`; since ... by ... (`event`)`. */
function itemText(item: OpenItem): string {
  const detail = facts(item);
  const since = item.kind === 'access-key' ? 'first used in the findings at' : 'since';
  const where = item.inFindings ? '' : ', in no finding: a later call found in the logs';
  return `**${OPEN_LABEL[item.kind]}:** ${subject(item)}${detail ? `, ${detail}` : ''}; ${since} ${item.at ?? 'no time'} by ${principalCode(item.by)} (${codeSpan(item.event)}${where})`;
}

function openItem(item: OpenItem, index: number): string[] {
  return [
    `${index + 1}. ${itemText(item)}.`,
    '',
    ...fencedBlock(item.command, 'sh').split('\n').map((line) => `   ${line}`),
    ...policySource(item),
  ];
}

/** An item past the detail level's full ones: one line, its command as a code span. */
function openLine(item: OpenItem, index: number): string {
  return `${index + 1}. ${itemText(item)}: ${codeSpan(item.command)}${policyHint(item)}`;
}

/** What the actors' changes left in place at the end of the indexed range, and the command that would contain each. */
export function renderOpen(report: IncidentReport, detail: NoteDetail): string {
  const end = report.index.lastEvent ?? 'the end of the indexed logs';
  if (report.open.length === 0) return `## Still open, and how to close it\n\nNothing the findings' actors changed is still in place in the logs up to ${end}.`;
  const full = firstOf(report.open, detail.openInFull);
  const lines = firstOf(report.open.slice(full.shown.length), detail.openLines);
  return [
    '## Still open, and how to close it',
    '',
    `In place at ${end}, the last indexed event. keytrail prints these commands and never runs them: check each one first.`,
    '',
    ...full.shown.flatMap((item, index) => [...openItem(item, index), '']),
    ...lines.shown.map((item, index) => openLine(item, full.shown.length + index)),
    ...(lines.left > 0 ? ['', `${plural(lines.left, 'more item')}, each with its command: the JSON export (\`--format json\`) lists them.`] : []),
  ].join('\n').trimEnd();
}
