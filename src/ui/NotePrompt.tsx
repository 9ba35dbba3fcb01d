import { Box, Text } from 'ink';
import { fitCell } from '../core/text/fit.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';
import { keepEnd } from './FilterBar.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

/** Two lines in place of the filter bar and status line while a finding's note is typed. */
export function NotePrompt({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const prompt = useSlice((state) => state.findings.prompt);
  if (!prompt) return null;
  const text = sanitizeForTerminal(prompt.text);
  const cursor = theme.color ? '█' : '_';
  // The end of a long note stays in view, like a shell line.
  const shown = keepEnd(text, Math.max(1, width - 8));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate"><Text bold {...tint(theme, 'yellow')}>note: </Text>{fitCell(`${shown}${cursor}`, width - 6)}</Text>
      <Text wrap="truncate" {...tint(theme, 'gray')}>{fitCell(`  ${sanitizeForTerminal(prompt.label)} · Enter save · Esc cancel · Ctrl+U clear`, width)}</Text>
    </Box>
  );
}
