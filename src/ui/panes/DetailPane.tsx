import { Box, Text } from 'ink';
import { DETAIL_LABEL_WIDTH } from '../../app/data/detail-lines.js';
import type { DetailRow } from '../../app/data/detail-rows.js';
import { displayWidth, fitCell } from '../../core/text/fit.js';
import { tint, type Theme } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

/** One row of the detail as text: rows come wrapped to the pane's width, so nothing here is cut but a heading's rule. */
export function detailText(row: DetailRow, width: number, theme: Theme): string {
  if (row.kind === 'heading') {
    const title = `${theme.rule.repeat(2)} ${row.label} `;
    const room = width - displayWidth(title);
    return room > 0 ? title + theme.rule.repeat(room) : fitCell(title, width);
  }
  if (row.kind === 'json') return fitCell(row.text, width);
  return `${fitCell(row.label, DETAIL_LABEL_WIDTH)} ${fitCell(row.text, Math.max(0, width - DETAIL_LABEL_WIDTH - 1))}`;
}

/** The selected event: key fields, entities to pivot on (Enter), source files, then the whole JSON, long lines wrapped. */
export function DetailPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const detail = useSlice((state) => state.detail);
  if (detail.seq === null) {
    return <Box width={width} height={height}><Text>{fitCell(' Select an event and press Enter to see it here.', width)}</Text></Box>;
  }
  const rows = detail.rows.slice(detail.top, detail.top + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.map((row, offset) => {
        const index = detail.top + offset;
        const selected = index === detail.selected;
        const text = `${selected ? theme.marker : row.pivot ? theme.pivotMark : ' '} ${detailText(row, width - 2, theme)}`;
        const color = row.kind === 'heading' ? 'cyan' : row.pivot ? 'yellow' : undefined;
        return (
          <Text key={index} wrap="truncate" bold={row.kind === 'heading' || (selected && !theme.color)} {...tint(theme, color, { inverse: selected && focused })}>
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
