import { codeSpan, fencedBlock } from './markdown-text.js';
import { principalCode } from './render-parts.js';
import type { IncidentReport, OpenItem, OpenKind } from './report.js';

const OPEN_LABEL: Record<OpenKind, string> = {
  grant: 'Grant never retired or revoked', policy: 'Key policy lets another account in', rotation: 'Automatic rotation off',
  deletion: 'Deletion pending', disabled: 'Key disabled', 'access-key': 'Access key not deactivated',
};

function facts(item: OpenItem): string {
  return item.facts.map((fact) => `${fact.label} ${codeSpan(fact.value)}`).join(', ');
}

function subject(item: OpenItem): string {
  if (item.kind === 'access-key') return codeSpan(item.subject);
  return item.subjectAliases.length > 0 && !item.subjectAliases.includes(item.subject) ? `${codeSpan(item.subjectAliases[0])} (${codeSpan(item.subject)})` : codeSpan(item.subject);
}

/** Where previous-policy.json comes from: the logs when they hold the policy before the change, else the responder's records. */
function policySource(item: OpenItem): string[] {
  if (item.kind !== 'policy') return [];
  if (!item.previousPolicy) {
    return ['   The logs hold no earlier policy of this key: write `previous-policy.json` from your own records, without the statements that let the account in.'];
  }
  const block = fencedBlock(item.previousPolicy.json, 'json').split('\n').map((line) => `   ${line}`);
  return [`   \`previous-policy.json\`, the policy set by ${codeSpan(item.previousPolicy.event)} before this change:`, '', ...block];
}

function openItem(item: OpenItem, index: number): string[] {
  const detail = facts(item);
  const since = item.kind === 'access-key' ? 'first used in the findings at' : 'since';
  return [
    `${index + 1}. **${OPEN_LABEL[item.kind]}:** ${subject(item)}${detail ? `, ${detail}` : ''}; ${since} ${item.at ?? 'no time'} by ${principalCode(item.by)} (${codeSpan(item.event)}).`,
    '',
    ...fencedBlock(item.command, 'sh').split('\n').map((line) => `   ${line}`),
    ...policySource(item),
  ];
}

/** What the actors' changes left in place at the end of the indexed range, and the command that would contain each. */
export function renderOpen(report: IncidentReport): string {
  const end = report.index.lastEvent ?? 'the end of the indexed logs';
  if (report.open.length === 0) return `## Still open, and how to close it\n\nNothing the findings' actors changed is still in place in the logs up to ${end}.`;
  return [
    '## Still open, and how to close it',
    '',
    `In place at ${end}, the last indexed event. keytrail prints these commands and never runs them: check each one first.`,
    '',
    ...report.open.flatMap((item, index) => [...openItem(item, index), '']),
  ].join('\n').trimEnd();
}
