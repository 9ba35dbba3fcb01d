import { linkText, memberRoles } from '../correlate/describe.js';
import type { Chain } from '../correlate/types.js';
import { chainTree, type ChainNode } from './chain-tree.js';
import { fencedBlock, markdownText } from './markdown-text.js';
import { mermaidLabel, mermaidText } from './mermaid-text.js';
import type { IncidentReport } from './report.js';

/** One list item, indented by its depth in the tree (always one level below its parent). */
function listItem(chain: Chain, node: ChainNode): string {
  const { event } = node;
  const roles = memberRoles(chain, event).map((role) => (role === 'folded' ? 'AWS on the caller\'s behalf' : role));
  const phrases = [
    ...(node.link ? [`via ${linkText(node.link)}`] : []),
    ...(event.also ?? []).map((link) => `also ${linkText(link)}`),
  ];
  return `${'  '.repeat(node.depth)}- ${event.eventTime ?? 'no time'} ${markdownText(event.eventName ?? 'unnamed event')} by `
    + `${markdownText(event.principal ?? 'unknown principal')}${roles.length > 0 ? ` (${roles.join(', ')})` : ''}`
    + `${phrases.map((phrase) => `; ${markdownText(phrase)}`).join('')}`;
}

/** The chain as a mermaid flowchart: one node per member, an edge per shared value. */
export function chainFlowchart(nodes: readonly ChainNode[]): string {
  const lines = ['flowchart TD'];
  nodes.forEach((node, index) => {
    lines.push(`  n${index}[${mermaidLabel([node.event.eventName, node.event.principal, node.event.eventTime])}]`);
  });
  nodes.forEach((node, index) => {
    if (node.parent === null) return;
    lines.push(node.link ? `  n${node.parent} -->|"${mermaidText(`${node.link.kind} ${node.link.value}`)}"| n${index}` : `  n${node.parent} --> n${index}`);
  });
  return fencedBlock(lines.join('\n'), 'mermaid');
}

function renderChain(findingId: number, chain: Chain): string {
  const nodes = chainTree(chain);
  const root = chain.root ? markdownText(chain.root.principal) : 'not shown by the indexed logs';
  return [
    `### Chain of finding ${findingId}`,
    '',
    `Started by ${root}.`,
    '',
    ...nodes.map((node) => listItem(chain, node)),
    '',
    chainFlowchart(nodes),
  ].join('\n');
}

/** Each chain as an indented list and as a mermaid flowchart; empty when no chain was marked. */
export function renderChains(report: IncidentReport): string {
  const chains = report.findings.filter((finding) => finding.chain !== null && finding.chain.events.length > 0);
  if (chains.length === 0) return '';
  return ['## Chains', ...chains.map((finding) => renderChain(finding.id, finding.chain!))].join('\n\n');
}
