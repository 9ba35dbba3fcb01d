import type { EventDetail } from '../../core/query/event-detail.js';
import type { EventRow } from '../../core/query/event-rows.js';
import { readableJson } from './readable-json.js';

/** What Enter on a line pivots to: a filter field and value. */
export interface Pivot {
  field: string;
  value: string;
}

/**
 * One line of the detail pane. `text` is log data, unsanitized: the renderer fits
 * and sanitizes it. Lines with a pivot are selectable to narrow the filter.
 */
export interface DetailLine {
  kind: 'heading' | 'field' | 'entity' | 'json';
  label: string;
  text: string;
  pivot?: Pivot;
}

/** Columns of the label before a field's value. */
export const DETAIL_LABEL_WIDTH = 12;

const heading = (label: string): DetailLine => ({ kind: 'heading', label, text: '' });

type FieldSpec = [label: string, value: (row: EventRow) => string | null, pivotField?: string];

const FIELDS: FieldSpec[] = [
  ['time', (row) => row.eventTime],
  ['event', (row) => row.eventName, 'event'],
  ['source', (row) => row.eventSource, 'source'],
  ['principal', (row) => row.principal, 'principal'],
  ['role', (row) => row.role, 'role'],
  ['identity', (row) => [row.principalType, row.actor].filter(Boolean).join(' / ') || null],
  ['account', (row) => row.account, 'account'],
  ['region', (row) => row.awsRegion, 'region'],
  ['source IP', (row) => row.sourceIPAddress, 'ip'],
  ['user agent', (row) => row.userAgent],
  ['error', (row) => row.errorCode, 'error'],
  ['message', (row) => row.errorMessage],
  ['key', (row) => row.key, 'key'],
  ['aliases', (row) => (row.keyAliases.length > 0 ? row.keyAliases.join(', ') : null)],
  ['access key', (row) => row.accessKeyId, 'accesskey'],
  ['invoked by', (row) => row.invokedBy],
  ['request id', (row) => row.requestID, 'request'],
  ['event id', (row) => row.eventID, 'id'],
];

/** The key fields of an event, each with the filter field Enter pivots on. */
export function fieldLines(row: EventRow): DetailLine[] {
  return FIELDS.flatMap(([label, value, pivotField]) => {
    const text = value(row);
    if (text === null || text === '') return [];
    return [{ kind: 'field' as const, label, text, ...(pivotField ? { pivot: { field: pivotField, value: text } } : {}) }];
  });
}

/** The raw event indented, JSON inside string fields (policies) indented too; escaping makes control characters inert. */
function jsonLines(raw: string): DetailLine[] {
  return readableJson(raw).split('\n').map((line) => ({ kind: 'json' as const, label: '', text: line }));
}

/** The detail pane's content: key fields, the entities to pivot on, then the full JSON and its source files. */
export function detailLines(detail: EventDetail): DetailLine[] {
  const entities = detail.entities.map((entity): DetailLine => ({
    kind: 'entity', label: entity.kind, text: entity.value, pivot: { field: entity.kind, value: entity.value },
  }));
  const sources = detail.sources.map((source): DetailLine => ({ kind: 'field', label: 'file', text: `${source.file} @${source.position}` }));
  return [
    heading('Event'), ...fieldLines(detail.row),
    heading('Entities (Enter pivots the filter on one)'), ...entities,
    heading('Source files'), ...sources,
    heading('JSON'), ...jsonLines(detail.raw),
  ];
}
