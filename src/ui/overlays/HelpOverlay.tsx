import { Box, Text } from 'ink';
import type { KeyBinding } from '../../app/keymap.js';
import { bindingsFor } from '../../app/resolve-key.js';
import type { Mode, PaneId } from '../../app/state.js';
import { fitCell } from '../../core/text/fit.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';

const KEY_WIDTH = 22;
const MODE_TITLES: Array<[Mode, string]> = [['normal', 'Keys'], ['filter', 'Filter bar (/)']];

/** Help lines generated from the keymap: every key with what it does, and why it is off when it is. */
export function helpLines(keymap: readonly KeyBinding[], pane: PaneId): Array<{ text: string; heading: boolean; disabled: boolean }> {
  const lines: Array<{ text: string; heading: boolean; disabled: boolean }> = [];
  for (const [mode, title] of MODE_TITLES) {
    lines.push({ text: mode === 'normal' ? `${title} (${pane} pane first)` : title, heading: true, disabled: false });
    for (const binding of bindingsFor(keymap, pane, mode)) {
      const scope = binding.scope === 'global' ? '' : ` [${binding.scope}]`;
      const off = binding.disabled ? ` (off: ${binding.disabled})` : '';
      lines.push({ text: `${fitCell(binding.keys.join(' '), KEY_WIDTH)} ${binding.description}${scope}${off}`, heading: false, disabled: Boolean(binding.disabled) });
    }
  }
  return lines;
}

/** The help overlay, scrolled with j/k; the focused pane's own keys come first. */
export function HelpOverlay({ width, height, keymap }: { width: number; height: number; keymap: readonly KeyBinding[] }) {
  const { theme } = useWorkbenchView();
  const pane = useSlice((state) => state.ui.pane);
  const top = useSlice((state) => state.ui.overlayTop);
  const lines = helpLines(keymap, pane);
  const start = Math.min(top, Math.max(0, lines.length - height + 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, 'cyan')}>{fitCell(' Help: j/k scroll, Esc closes. Filter syntax: `keytrail help filters`.', width)}</Text>
      {lines.slice(start, start + height - 1).map((line, index) => (
        <Text key={index} wrap="truncate" bold={line.heading} {...tint(theme, line.heading ? 'yellow' : line.disabled ? 'gray' : undefined)}>
          {fitCell(` ${line.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
