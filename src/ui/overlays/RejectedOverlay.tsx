import { Box, Text } from 'ink';
import { wrapText } from '../../app/data/wrap-text.js';
import { fitCell } from '../../core/text/fit.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';

/** Rejected records (file:line, byte, reason) and files the indexer could not read, each wrapped so its reason reads in full. */
export function RejectedOverlay({ width, height }: { width: number; height: number }) {
  const { theme } = useWorkbenchView();
  const status = useSlice((state) => state.status);
  const top = useSlice((state) => state.ui.overlayTop);
  const entries = [
    ...status.rejectedList.map((record) => `${record.file}:${record.line} (byte ${record.position}): ${record.reason}`),
    ...status.problems.map((problem) => `${problem.file}: ${problem.reason}`),
  ];
  // j/k move by record; a record's continuation lines are indented under it.
  const lines = entries.slice(top).flatMap((entry) => wrapText(entry, width - 3).map((text, index) => `${index === 0 ? ' ' : '   '}${text}`));
  const title = ` Rejected records: ${status.rejected.toLocaleString('en-US')}${status.problems.length > 0 ? `, file problems: ${status.problems.length}` : ''} (j/k scroll, Esc closes)`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, 'cyan')}>{fitCell(title, width)}</Text>
      {entries.length === 0 ? <Text>{fitCell(' Nothing rejected: every record parsed.', width)}</Text> : null}
      {lines.slice(0, height - 1).map((line, index) => (
        <Text key={index} wrap="truncate">{fitCell(line, width)}</Text>
      ))}
    </Box>
  );
}
