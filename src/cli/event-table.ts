import type { EventRow } from '../core/query/event-rows.js';
import { fitCell } from '../core/text/fit.js';

/** The short form of a principal ARN a responder reads: `user/Alice`, `assumed-role/app/i-0abc`. */
export function shortPrincipal(principal: string | null): string {
  if (!principal) return '';
  const match = /^arn:aws[a-z-]*:(?:iam|sts)::\d*:(.+)$/.exec(principal);
  return match ? match[1]! : principal;
}

/** A key as short as still tells it apart: its first alias, else its id. */
export function shortKey(row: Pick<EventRow, 'key' | 'keyAliases'>): string {
  if (row.keyAliases.length > 0) return row.keyAliases[0]!;
  if (!row.key) return '';
  return row.key.replace(/^arn:aws[a-z-]*:kms:[^:]*:\d*:key\//, '');
}

const COLUMNS = [
  { title: 'TIME (UTC)', width: 20, value: (row: EventRow) => row.eventTime ?? '(no time)' },
  { title: 'EVENT', width: 24, value: (row: EventRow) => row.eventName ?? row.eventSource ?? '' },
  { title: 'PRINCIPAL', width: 34, value: (row: EventRow) => shortPrincipal(row.principal) },
  { title: 'KEY', width: 22, value: shortKey },
  { title: 'SOURCE IP', width: 16, value: (row: EventRow) => row.sourceIPAddress ?? '' },
  { title: 'ERROR', width: 22, value: (row: EventRow) => row.errorCode ?? '' },
];

/** A plain-text table for `keytrail query`; every cell sanitized and cut to its column. */
export function formatEventTable(rows: EventRow[]): string {
  const header = COLUMNS.map((column) => fitCell(column.title, column.width)).join(' ');
  const lines = rows.map((row) => COLUMNS.map((column) => fitCell(column.value(row), column.width)).join(' ').trimEnd());
  return [header.trimEnd(), ...lines].join('\n');
}
