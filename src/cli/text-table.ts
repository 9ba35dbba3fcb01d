import { displayWidth, fitCell } from '../core/text/fit.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';
import type { CommandIO, CommandOptions } from './command.js';

export interface TableColumn<Row> {
  title: string;
  /** Columns on a terminal; cells are cut to it (Infinity: never cut, for a last free-text column). Off a terminal nothing is cut. */
  width: number;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

/**
 * fit: cut to the terminal's columns; full: nothing cut (stdout is a pipe or a file,
 * where a scripter copies ids); csv: RFC 4180.
 */
export type TableFormat = 'fit' | 'full' | 'csv';

export function tableFormat(options: CommandOptions, io: CommandIO): TableFormat {
  if (options.csv) return 'csv';
  return io.stdoutIsTTY ? 'fit' : 'full';
}

/** Spreadsheets run a cell that starts with one of these as a formula: a leading ' keeps it text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: control characters made visible as on a terminal, formulas defused, quoted when needed. */
export function csvField(value: string): string {
  const text = sanitizeForTerminal(value);
  const defused = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function fullCell(text: string, width: number, align: 'left' | 'right'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + pad : pad + text;
}

/** The table with a header line; every cell from a log is sanitized for the terminal. */
export function formatTable<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[], format: TableFormat): string {
  if (format === 'csv') return [columns.map((column) => column.title), ...rows.map((row) => columns.map((column) => column.value(row)))].map(csvLine).join('');
  const cells = rows.map((row) => columns.map((column) => sanitizeForTerminal(column.value(row))));
  const widths = columns.map((column, i) => (format === 'fit'
    ? column.width
    : Math.max(displayWidth(column.title), ...cells.map((line) => displayWidth(line[i]!)))));
  const cell = (text: string, i: number) => {
    const width = widths[i]!;
    if (!Number.isFinite(width)) return text;
    return format === 'fit' ? fitCell(text, width, columns[i]!.align) : fullCell(text, width, columns[i]!.align ?? 'left');
  };
  const line = (texts: readonly string[]) => texts.map(cell).join(' ').trimEnd();
  return `${[line(columns.map((column) => column.title)), ...cells.map(line)].join('\n')}\n`;
}
