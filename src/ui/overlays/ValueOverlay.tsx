import { Box, Text } from 'ink';
import { wrapText } from '../../app/data/wrap-text.js';
import { fitCell } from '../../core/text/fit.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';

const LABEL_WIDTH = 11;

/** Each value of the selection in full, wrapped (log data: sanitized by the wrap); j/k pick one, y copies it. */
export function ValueOverlay({ width, height }: { width: number; height: number }) {
  const { theme } = useWorkbenchView();
  const values = useSlice((state) => state.ui.values);
  const selected = useSlice((state) => state.ui.overlayTop);
  const room = Math.max(10, width - LABEL_WIDTH - 3);
  const lines = values.flatMap((value, index) => wrapText(value.value, room).map((text, row) => ({
    text: `${row === 0 && index === selected ? theme.marker : ' '} ${fitCell(row === 0 ? value.label : '', LABEL_WIDTH)} ${text}`,
    index,
  })));
  // The selected value's first line stays in view.
  const first = lines.findIndex((line) => line.index === selected);
  const start = Math.max(0, Math.min(first, lines.length - (height - 1)));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, 'cyan')}>{fitCell(' In full: j/k pick a value, y copies it, Esc closes', width)}</Text>
      {lines.slice(start, start + height - 1).map((line, index) => (
        <Text key={index} wrap="truncate" bold={line.index === selected && !theme.color} {...tint(theme, line.index === selected ? 'yellow' : undefined)}>
          {fitCell(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
