import { DETAIL_LABEL_WIDTH, type DetailLine } from './detail-lines.js';
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
 * The detail's lines wrapped to `width` columns (the pane less its marker): every value
 * reads in full, however long (a policy, a user agent, an ARN), without sideways scrolling.
 */
export function detailRows(lines: readonly DetailLine[], width: number): DetailRow[] {
  return lines.flatMap((line): DetailRow[] => {
    if (line.kind === 'heading') return [{ ...line, continued: false }];
    if (line.kind === 'json') return jsonRows(line, width);
    const [first, ...rest] = wrapText(line.text, Math.max(8, width - DETAIL_LABEL_WIDTH - 1));
    return [
      { ...line, text: first!, continued: false },
      ...rest.map((text) => ({ kind: line.kind, label: '', text, continued: true })),
    ];
  });
}
