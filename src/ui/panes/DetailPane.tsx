import { Box, Text } from 'ink';
import type { DetailLine } from '../../app/data/detail-lines.js';
import { displayWidth, fitCell } from '../../core/text/fit.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { tint, type Theme } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

const LABEL_WIDTH = 12;

/** One line of the detail as text: sanitized first, then shifted by the horizontal scroll, then cut. */
export function detailText(line: DetailLine, width: number, left: number, theme: Theme): string {
  if (line.kind === 'heading') {
    const title = `${theme.rule.repeat(2)} ${line.label} `;
    const room = width - displayWidth(title);
    return room > 0 ? title + theme.rule.repeat(room) : fitCell(title, width);
  }
  const body = sanitizeForTerminal(line.text).slice(left);
  if (line.kind === 'json') return fitCell(body, width);
  return `${fitCell(line.label, LABEL_WIDTH)} ${fitCell(body, Math.max(0, width - LABEL_WIDTH - 1))}`;
}

/** The selected event: key fields, entities to pivot on (Enter), source files, then the whole JSON. */
export function DetailPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const detail = useSlice((state) => state.detail);
  if (detail.seq === null) {
    return <Box width={width} height={height}><Text>{fitCell(' Select an event and press Enter to see it here.', width)}</Text></Box>;
  }
  const lines = detail.lines.slice(detail.top, detail.top + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((line, offset) => {
        const index = detail.top + offset;
        const selected = index === detail.selected;
        const text = `${selected ? theme.marker : line.pivot ? theme.pivotMark : ' '} ${detailText(line, width - 2, detail.left, theme)}`;
        const color = line.kind === 'heading' ? 'cyan' : line.pivot ? 'yellow' : undefined;
        return (
          <Text key={index} wrap="truncate" bold={line.kind === 'heading' || (selected && !theme.color)} {...tint(theme, color, { inverse: selected && focused })}>
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
