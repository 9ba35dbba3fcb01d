import stringWidth from 'string-width';
import { sanitizeForTerminal } from './sanitize.js';

/** Display columns of a (sanitized) string: wide CJK and emoji count two. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts to at most `width` columns, ending with `…` when cut. Never wraps into the next column. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Sanitizes log data, truncates and pads it to exactly `width` columns. */
export function fitCell(value: string | null | undefined, width: number, align: 'left' | 'right' = 'left'): string {
  const text = truncate(sanitizeForTerminal(value ?? ''), width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + pad : pad + text;
}
