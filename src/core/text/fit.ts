import stringWidth from 'string-width';
import { sanitizeForTerminal } from './sanitize.js';

/**
 * Characters that take one column and one UTF-16 unit each (printable ASCII, Latin,
 * punctuation such as `…` and `›`, arrows, box drawing and blocks): strings of only
 * these skip the slow grapheme measuring, which dominates drawing a full screen.
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f]*$/;

/** True when each UTF-16 unit of `text` is a character of its own, one column wide (no escapes, marks, joiners or wide characters). */
export function isOneColumnEach(text: string): boolean {
  return ONE_COLUMN_EACH.test(text);
}

/** Display columns of a (sanitized) string: wide CJK and emoji count two. */
export function displayWidth(text: string): number {
  return ONE_COLUMN_EACH.test(text) ? text.length : stringWidth(text);
}

/** Cuts to at most `width` columns, ending with `…` when cut. Never wraps into the next column. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (ONE_COLUMN_EACH.test(text)) return `${text.slice(0, width - 1)}…`;
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
