import { Box, Text } from 'ink';
import { fitCell } from '../../core/text/fit.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';

/** Rejected records (file:line, byte, reason) and files the indexer could not read. */
export function RejectedOverlay({ width, height }: { width: number; height: number }) {
  const { theme } = useWorkbenchView();
  const status = useSlice((state) => state.status);
  const top = useSlice((state) => state.ui.overlayTop);
  const lines = [
    ...status.rejectedList.map((record) => `${record.file}:${record.line} (byte ${record.position}): ${record.reason}`),
    ...status.problems.map((problem) => `${problem.file}: ${problem.reason}`),
  ];
  const title = ` Rejected records: ${status.rejected.toLocaleString('en-US')}${status.problems.length > 0 ? `, file problems: ${status.problems.length}` : ''} (j/k scroll, Esc closes)`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, 'cyan')}>{fitCell(title, width)}</Text>
      {lines.length === 0 ? <Text>{fitCell(' Nothing rejected: every record parsed.', width)}</Text> : null}
      {lines.slice(top, top + height - 1).map((line, index) => (
        <Text key={index} wrap="truncate">{fitCell(` ${line}`, width)}</Text>
      ))}
    </Box>
  );
}
