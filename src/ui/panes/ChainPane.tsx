import { Box, Text } from 'ink';
import type { ChainStep } from '../../app/data/chain-steps.js';
import { paneRows } from '../../app/layout.js';
import { chainPane } from '../../app/panes/chain.js';
import { chainHeadline } from '../../app/data/chain-steps.js';
import type { MemberRole } from '../../core/correlate/describe.js';
import { fitCell } from '../../core/text/fit.js';
import type { Column } from '../column-widths.js';
import { principalCell } from '../column-values.js';
import { plural } from '../../core/text/plural.js';
import { Table } from '../Table.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

const MAX_INDENT = 6;
/** Short enough for 80 columns; the line under the table spells `fold` out. */
const ROLE_LABELS: Record<MemberRole, string> = { root: 'root', origin: 'here', folded: 'fold' };

const COLUMNS: Column<ChainStep>[] = [
  { title: 'TIME (UTC)', min: 14, max: 20, weight: 0, value: (step) => step.time?.replace('T', ' ').slice(5).replace(/Z$/, '') ?? '(no time)' },
  { title: 'EVENT', min: 18, max: 40, weight: 1, value: (step) => `${'  '.repeat(Math.min(step.depth, MAX_INDENT))}${step.eventName ?? '(no name)'}` },
  { title: 'BY', min: 14, max: 44, weight: 1, cut: 'middle', value: (step) => (step.principalArn ? principalCell(step.principalArn) : step.principal) },
  { title: 'ROLE', min: 10, max: 10, weight: 0, value: (step) => step.roles.map((role) => ROLE_LABELS[role]).join(', ') },
  // Last: on a narrow screen it gives way, and the lines under the table still say why.
  { title: 'WHY', min: 12, max: 200, weight: 8, value: (step) => step.why },
];

/**
 * The chain of one event as an indented timeline: the root at depth 0, each member
 * with why it is there; AWS calls on someone's behalf are marked folded and drawn dim.
 * Under the table, every link of the selected member. Enter opens it, p pivots on it.
 */
export function ChainPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const chain = useSlice((state) => state.chain);
  if (!chain.chain) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text>{fitCell(' press c on an event to see its chain: who or what is behind it', width)}</Text>
      </Box>
    );
  }
  const origin = chain.chain.events.find((event) => event.uid === chain.chain?.origin.uid);
  const title = `chain of ${origin?.eventName ?? 'event'} (${plural(chain.steps.length, 'event')}), ${chainHeadline(chain.chain)}`;
  const phrases = chain.steps[chain.selected]?.phrases ?? [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold={focused} {...tint(theme, focused ? 'cyan' : undefined)}>{fitCell(title, width)}</Text>
      <Table columns={COLUMNS} rows={chain.steps} top={chain.top} selected={chain.selected} height={paneRows(chainPane, height)}
        width={width} theme={theme} focused={focused} rowColor={(step) => (step.roles.includes('folded') ? 'gray' : undefined)} />
      <Text wrap="truncate">{fitCell(` ${phrases[0] ?? 'the event asked about'}`, width)}</Text>
      <Text wrap="truncate">{fitCell(phrases.length > 1 ? ` ${phrases.slice(1).join('; ')}` : ' fold: AWS on someone\'s behalf · Enter: open · p: pivot on its link · v: in full', width)}</Text>
    </Box>
  );
}
