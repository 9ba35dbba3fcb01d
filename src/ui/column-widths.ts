import type { CellCut } from './cell-cut.js';

/** A column of a Table: how wide it may be and how it reads a row (log data: fitted and sanitized when drawn). */
export interface Column<Row> {
  title: string;
  min: number;
  max: number;
  /** Share of the spare width; 0 keeps the column at its minimum. */
  weight: number;
  align?: 'left' | 'right';
  /** Where a value too long for the column is cut (`end` when absent): ids and principals keep their end. */
  cut?: CellCut;
  value: (row: Row) => string | null;
}

/**
 * Widths for columns in `width` columns with one blank between them. Columns that
 * do not fit at their minimum are dropped from the end, so the first ones always show.
 */
export function columnWidths<Row>(columns: readonly Column<Row>[], width: number): number[] {
  const widths: number[] = [];
  let used = 0;
  for (const column of columns) {
    const gap = widths.length > 0 ? 1 : 0;
    if (used + gap + column.min > width) break;
    widths.push(column.min);
    used += gap + column.min;
  }
  let spare = width - used;
  const totalWeight = widths.reduce((sum, _, index) => sum + columns[index]!.weight, 0);
  if (totalWeight === 0) return widths;
  for (let index = 0; index < widths.length && spare > 0; index++) {
    const column = columns[index]!;
    const share = Math.floor(((width - used) * column.weight) / totalWeight);
    const grow = Math.min(share, column.max - widths[index]!, spare);
    widths[index]! += grow;
    spare -= grow;
  }
  return widths;
}
