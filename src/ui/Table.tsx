import { Box, Text } from 'ink';
import { fitCell } from '../core/text/fit.js';
import { fitColumnCell } from './cell-cut.js';
import { columnWidths, type Column } from './column-widths.js';
import { tint, type Theme } from './theme.js';

export interface TableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** Index in `rows` of the first row shown and of the selected row (-1: none). */
  top: number;
  selected: number;
  /** Data rows shown under the header; the table always draws exactly this many lines. */
  height: number;
  width: number;
  theme: Theme;
  /** Whether the table's pane has the focus (the selection is drawn brighter). */
  focused: boolean;
  rowColor?: (row: Row) => string | undefined;
}

/** Cells are cut to their column (where it says) and sanitized: nothing wraps, nothing from a log reaches the terminal raw. */
export function formatRow<Row>(columns: readonly Column<Row>[], widths: number[], row: Row): string {
  return widths.map((width, index) => {
    const column = columns[index]!;
    return fitColumnCell(column.value(row), width, column.align, column.cut);
  }).join(' ');
}

/** The one table of the workbench: a header, then a window of rows with a visible selection marker. */
export function Table<Row>(props: TableProps<Row>) {
  const { columns, theme, width } = props;
  const widths = columnWidths(columns, width - 2);
  const header = widths.map((cellWidth, index) => fitCell(columns[index]!.title, cellWidth, columns[index]!.align)).join(' ');
  // Drawn shorter than its pane pages by (while the filter bar's error lines take rows), the selection stays in view.
  const top = Math.max(props.top, props.selected - props.height + 1);
  const lines = [];
  for (let line = 0; line < props.height; line++) {
    const index = top + line;
    const row = props.rows[index];
    if (row === undefined) {
      lines.push(<Text key={line}> </Text>);
      continue;
    }
    const selected = index === props.selected;
    const text = `${selected ? theme.marker : ' '} ${formatRow(columns, widths, row)}`;
    const color = props.rowColor?.(row);
    lines.push(
      <Text key={line} wrap="truncate" bold={selected && !theme.color} {...tint(theme, color, { inverse: selected && props.focused })}>
        {text}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" bold {...tint(theme, 'gray')}>{fitCell(`  ${header}`, width)}</Text>
      {lines}
    </Box>
  );
}
