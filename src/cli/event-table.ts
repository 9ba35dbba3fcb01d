import type { EventRow } from '../core/query/event-rows.js';
import { fitCell } from '../core/text/fit.js';
import { shortKeyName, shortPrincipal } from '../core/text/short-names.js';

const COLUMNS = [
  { title: 'TIME (UTC)', width: 20, value: (row: EventRow) => row.eventTime ?? '(no time)' },
  { title: 'EVENT', width: 24, value: (row: EventRow) => row.eventName ?? row.eventSource ?? '' },
  { title: 'PRINCIPAL', width: 34, value: (row: EventRow) => shortPrincipal(row.principal) },
  { title: 'KEY', width: 22, value: shortKeyName },
  { title: 'SOURCE IP', width: 16, value: (row: EventRow) => row.sourceIPAddress ?? '' },
  { title: 'ERROR', width: 22, value: (row: EventRow) => row.errorCode ?? '' },
];

/** A plain-text table for `keytrail query`; every cell sanitized and cut to its column. */
export function formatEventTable(rows: EventRow[]): string {
  const header = COLUMNS.map((column) => fitCell(column.title, column.width)).join(' ');
  const lines = rows.map((row) => COLUMNS.map((column) => fitCell(column.value(row), column.width)).join(' ').trimEnd());
  return [header.trimEnd(), ...lines].join('\n');
}
