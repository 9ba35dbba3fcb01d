import { FILTER_FIELDS } from '../core/query/filter-fields.js';

/** `keytrail help filters`: generated from the field table, so it never drifts from the parser. */
export function filterHelp(): string {
  const width = Math.max(...FILTER_FIELDS.map((field) => field.example.length));
  return [
    'Filter syntax: terms separated by blanks, all must match.',
    '  field:value        exact (case-insensitive), * as a wildcard, commas for alternatives',
    '  -field:value       exclude (not since: or until:, which are bounds)',
    '  word               any value containing the word',
    '  "quoted value"     a value with blanks',
    '',
    ...FILTER_FIELDS.map((field) => `  ${field.example.padEnd(width)}  ${field.description}`),
  ].join('\n');
}
