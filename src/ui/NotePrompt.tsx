import { Box, Text } from 'ink';
import type { NotePrompt as Prompt } from '../app/panes/note-prompt.js';
import { fitCell } from '../core/text/fit.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';
import { keepEnd } from './cell-cut.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

const PREFIX: Record<Prompt['purpose'], string> = { mark: 'note: ', edit: 'note: ', exportTitle: 'title: ', exportPath: 'path: ' };

/** Two lines in place of the filter bar and status line while a note (or the incident note's title and path) is typed. */
export function NotePrompt({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const prompt = useSlice((state) => state.findings.prompt);
  // The status line is hidden meanwhile: its message (a taken path, an unsaved note) shows here.
  const message = useSlice((state) => state.ui.message);
  if (!prompt) return null;
  const prefix = PREFIX[prompt.purpose];
  const text = sanitizeForTerminal(prompt.text);
  const cursor = theme.color ? '█' : '_';
  // The end of a long text stays in view, like a shell line.
  const shown = keepEnd(text, Math.max(1, width - prefix.length - 2));
  const hint = message ?? `${sanitizeForTerminal(prompt.label)} · Enter ${prompt.purpose === 'exportTitle' ? 'next' : 'save'} · Esc cancel · Ctrl+U clear`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate"><Text bold {...tint(theme, 'yellow')}>{prefix}</Text>{fitCell(`${shown}${cursor}`, width - prefix.length)}</Text>
      <Text wrap="truncate" bold={message !== null} {...tint(theme, message ? 'magenta' : 'gray')}>{fitCell(`  ${hint}`, width)}</Text>
    </Box>
  );
}
