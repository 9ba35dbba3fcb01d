import { Box, Text } from 'ink';
import { helpLines } from '../../app/help-lines.js';
import { KEYMAP } from '../../app/keymap.js';
import { fitCell } from '../../core/text/fit.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';

/** The help overlay, generated from the keymap and wrapped to the screen, scrolled with j/k; the focused pane's own keys first. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const { theme } = useWorkbenchView();
  const pane = useSlice((state) => state.ui.pane);
  const top = useSlice((state) => state.ui.overlayTop);
  const lines = helpLines(KEYMAP, pane, width - 1);
  const start = Math.min(top, Math.max(0, lines.length - height + 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, 'cyan')}>{fitCell(' Help: j/k PgDn PgUp scroll, Esc closes. Filters: `keytrail help filters`.', width)}</Text>
      {lines.slice(start, start + height - 1).map((line, index) => (
        <Text key={index} wrap="truncate" bold={line.heading} {...tint(theme, line.heading ? 'yellow' : line.disabled ? 'gray' : undefined)}>
          {fitCell(` ${line.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
