import type { EventRow } from '../core/query/event-rows.js';
import { shortKeyName, shortPrincipal } from '../core/text/short-names.js';
import { formatTable, type TableColumn, type TableFormat } from './text-table.js';

const COLUMNS: readonly TableColumn<EventRow>[] = [
  { title: 'TIME (UTC)', width: 20, value: (row) => row.eventTime ?? '(no time)' },
  { title: 'EVENT', width: 24, value: (row) => row.eventName ?? row.eventSource ?? '' },
  { title: 'PRINCIPAL', width: 34, value: (row) => shortPrincipal(row.principal) },
  { title: 'KEY', width: 22, value: shortKeyName },
  { title: 'SOURCE IP', width: 16, value: (row) => row.sourceIPAddress ?? '' },
  { title: 'ERROR', width: 22, value: (row) => row.errorCode ?? '' },
];

/** CSV keeps whole values (the principal's ARN, the key's ARN) and the event's id; a table shows short names. */
const CSV_COLUMNS: readonly TableColumn<EventRow>[] = [
  { title: 'eventTime', width: 0, value: (row) => row.eventTime ?? '' },
  { title: 'eventName', width: 0, value: (row) => row.eventName ?? '' },
  { title: 'eventSource', width: 0, value: (row) => row.eventSource ?? '' },
  { title: 'principal', width: 0, value: (row) => row.principal ?? '' },
  { title: 'key', width: 0, value: (row) => row.key ?? '' },
  { title: 'keyAliases', width: 0, value: (row) => row.keyAliases.join(' ') },
  { title: 'sourceIPAddress', width: 0, value: (row) => row.sourceIPAddress ?? '' },
  { title: 'errorCode', width: 0, value: (row) => row.errorCode ?? '' },
  { title: 'eventID', width: 0, value: (row) => row.eventID ?? row.uid },
];

/** The events of `keytrail query` (and a detection hit) as a table or CSV. */
export function formatEventTable(rows: readonly EventRow[], format: TableFormat = 'fit'): string {
  return formatTable(format === 'csv' ? CSV_COLUMNS : COLUMNS, rows, format);
}
