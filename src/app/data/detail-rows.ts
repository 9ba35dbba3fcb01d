import { DETAIL_LABEL_WIDTH, type DetailLine } from './detail-lines.js';
import { truncate } from '../../core/text/fit.js';
import { wrapText } from './wrap-text.js';

/** One screen row of the detail pane: a line, or the continuation of a long one (sanitized, fits its width). */
export interface DetailRow extends DetailLine {
  /** True on the rows that carry on a wrapped line: not selectable targets of n/N, no pivot. */
  continued: boolean;
}

function jsonRows(line: DetailLine, width: number): DetailRow[] {
  const indent = /^ */.exec(line.text)![0].length;
  const inner = Math.min(indent + 2, Math.floor(width / 2));
  const [first, ...rest] = wrapText(line.text.slice(indent), Math.max(8, width - inner));
  return [
    { ...line, text: ' '.repeat(indent) + first, continued: false },
    ...rest.map((text) => ({ kind: line.kind, label: '', text: ' '.repeat(inner) + text, continued: true })),
  ];
}

/**
 * Rows a field or entity takes at most: a 5,000-character error message from the logs would push
 * the key, request and event id screens down. The rest is in the JSON below, and `v` shows the value whole.
 */
export const MAX_FIELD_ROWS = 4;
const CUT_TAIL = ' (v: whole)';

/** The last row shown of a cut value: cut by display width (wide characters too), marked; a pane too narrow for the mark keeps the `…`. */
function cutRow(text: string, room: number): string {
  if (room < CUT_TAIL.length + 4) return truncate(`${text}…`, room);
  return `${truncate(`${text}…`, room - CUT_TAIL.length)}${CUT_TAIL}`;
}

/**
 * The detail's lines wrapped to `width` columns (the pane less its marker), without sideways scrolling:
 * the JSON in full, however long (a policy); a field or entity in up to MAX_FIELD_ROWS rows.
 */
export function detailRows(lines: readonly DetailLine[], width: number): DetailRow[] {
  return lines.flatMap((line): DetailRow[] => {
    if (line.kind === 'heading') return [{ ...line, continued: false }];
    if (line.kind === 'json') return jsonRows(line, width);
    const room = Math.max(8, width - DETAIL_LABEL_WIDTH - 1);
    const [first, ...rest] = wrapText(line.text, room);
    const shown = rest.length < MAX_FIELD_ROWS ? rest
      : [...rest.slice(0, MAX_FIELD_ROWS - 2), cutRow(rest[MAX_FIELD_ROWS - 2]!, room)];
    return [
      { ...line, text: first!, continued: false },
      ...shown.map((text) => ({ kind: line.kind, label: '', text, continued: true })),
    ];
  });
}
