import { Text } from 'ink';
import type { PaneId } from '../app/state.js';
import { fitCell } from '../core/text/fit.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

const TITLES: Record<PaneId, string> = { events: 'Events', facets: 'Facets', detail: 'Detail', histogram: 'Histogram', detections: 'Detections', findings: 'Findings', chain: 'Chain' };

/** Which pane has the focus: brackets mark it, so it shows without colour too. */
export function TabBar({ width, panes }: { width: number; panes: readonly PaneId[] }) {
  const { theme } = useWorkbenchView();
  const pane = useSlice((state) => state.ui.pane);
  const matches = useSlice((state) => state.status.matches);
  const capped = useSlice((state) => state.status.matchesCapped);
  const count = matches === null ? '…' : `${matches.toLocaleString('en-US')}${capped ? '+' : ''}`;
  const tabs = panes.map((id, index) => {
    const title = `${index + 1} ${TITLES[id]}${id === 'events' ? ` ${count}` : ''}`;
    return id === pane ? `[${title}]` : ` ${title} `;
  });
  return (
    <Text wrap="truncate" {...tint(theme, 'cyan')} bold>
      {fitCell(`${tabs.join(theme.separator)}   ? help`, width)}
    </Text>
  );
}
