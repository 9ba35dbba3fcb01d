import { Text } from 'ink';
import type { PaneDefinition } from '../app/panes/pane-definition.js';
import type { PaneId } from '../app/state.js';
import { displayWidth, fitCell } from '../core/text/fit.js';
import { firstScanRunning } from './StatusLine.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

const HELP = '? help';

/** How much of each tab's title shows: all, short titles beside the focused one, or numbers only. */
type TitleStyle = 'full' | 'short' | 'number';

/** The tabs as one line: numbered in pane order, brackets around the focused one, so it shows without colour too. */
export function tabsText(panes: readonly PaneDefinition[], focused: PaneId, count: string, style: TitleStyle, separator: string): string {
  const tabs = panes.map((pane, index) => {
    const own = pane.id === focused;
    const name = own || style === 'full' ? pane.title : style === 'short' ? pane.shortTitle : '';
    const title = `${index + 1}${name ? ` ${name}` : ''}${pane.id === 'events' && (own || style !== 'number') ? ` ${count}` : ''}`;
    return own ? `[${title}]` : ` ${title} `;
  });
  return tabs.join(separator);
}

/** The widest tab line that fits `width` with `? help` at its end: every pane's number always shows. */
export function fittedTabs(panes: readonly PaneDefinition[], focused: PaneId, count: string, width: number, separator: string): string {
  for (const style of ['full', 'short', 'number'] as const) {
    const text = `${tabsText(panes, focused, count, style, separator)}  ${HELP}`;
    if (displayWidth(text) <= width) return text;
  }
  return `${tabsText(panes, focused, count, 'number', separator)}  ${HELP}`;
}

export function TabBar({ width, panes }: { width: number; panes: readonly PaneDefinition[] }) {
  const { theme } = useWorkbenchView();
  const pane = useSlice((state) => state.ui.pane);
  const matches = useSlice((state) => state.status.matches);
  const capped = useSlice((state) => state.status.matchesCapped);
  // While the first scan runs the count is of what is indexed so far, and says so: `803…`.
  const partial = useSlice((state) => firstScanRunning(state.status));
  const count = matches === null ? '…' : `${matches.toLocaleString('en-US')}${capped ? '+' : partial ? '…' : ''}`;
  return (
    <Text wrap="truncate" {...tint(theme, 'cyan')} bold>
      {fitCell(fittedTabs(panes, pane, count, width, theme.separator), width)}
    </Text>
  );
}
