import type { Chain, ChainEvent } from '../correlate/types.js';
import { fencedBlock, markdownText } from './markdown-text.js';
import { mermaidLabel, mermaidText } from './mermaid-text.js';
import type { IncidentReport } from './report.js';

/**
 * Depths as the lists and the diagram use them: never more than one level below
 * the event before (a deeper jump would turn a markdown list item into a code block).
 */
function clampedDepths(events: readonly ChainEvent[]): number[] {
  const depths: number[] = [];
  for (const member of events) depths.push(Math.max(0, Math.min(member.depth, (depths[depths.length - 1] ?? -1) + 1)));
  return depths;
}

function linkText(member: ChainEvent): string {
  return member.link ? `${member.link.kind} ${member.link.value}: ${member.link.reason}` : '';
}

function listItem(member: ChainEvent, depth: number): string {
  const via = member.link ? `, ${markdownText(linkText(member))}` : ' (marked event)';
  const folded = member.folded ? ' (AWS, on behalf of the caller above)' : '';
  return `${'  '.repeat(depth)}- ${member.eventTime ?? 'no time'} ${markdownText(member.eventName)} by `
    + `${markdownText(member.principal ?? 'unknown principal')}${folded}${via}`;
}

/** Each member hangs under the nearest earlier member one level up. */
function parents(depths: readonly number[]): Array<number | null> {
  return depths.map((depth, index) => {
    for (let before = index - 1; before >= 0; before--) if (depths[before]! < depth) return before;
    return null;
  });
}

export function chainFlowchart(chain: Chain): string {
  const depths = clampedDepths(chain.events);
  const lines = ['flowchart TD'];
  chain.events.forEach((member, index) => {
    lines.push(`  n${index}[${mermaidLabel([member.eventName, member.principal, member.eventTime])}]`);
  });
  parents(depths).forEach((parent, index) => {
    if (parent === null) return;
    const link = chain.events[index]!.link;
    lines.push(link ? `  n${parent} -->|"${mermaidText(`${link.kind} ${link.value}`)}"| n${index}` : `  n${parent} --> n${index}`);
  });
  return fencedBlock(lines.join('\n'), 'mermaid');
}

function renderChain(findingId: number, chain: Chain): string {
  const depths = clampedDepths(chain.events);
  const root = chain.root ? markdownText(chain.root.principal) : 'not shown by the indexed logs';
  return [
    `### Chain of finding ${findingId}`,
    '',
    `Started by ${root}.`,
    '',
    ...chain.events.map((member, index) => listItem(member, depths[index]!)),
    '',
    chainFlowchart(chain),
  ].join('\n');
}

/** Each chain as an indented list and as a mermaid flowchart; empty when no chain was marked. */
export function renderChains(report: IncidentReport): string {
  const chains = report.findings.filter((finding) => finding.chain !== null && finding.chain.events.length > 0);
  if (chains.length === 0) return '';
  return ['## Chains', ...chains.map((finding) => renderChain(finding.id, finding.chain!))].join('\n\n');
}
