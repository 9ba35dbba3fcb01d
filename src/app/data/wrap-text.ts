import { displayWidth } from '../../core/text/fit.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';

/**
 * Log text sanitized and wrapped to `width` columns: at blanks where a line has one,
 * else mid-word (an ARN, a base64 blob). Never an empty list; every piece fits.
 */
export function wrapText(text: string, width: number): string[] {
  const room = Math.max(1, width);
  let rest = sanitizeForTerminal(text);
  const lines: string[] = [];
  while (displayWidth(rest) > room) {
    const cut = cutAt(rest, room);
    const blank = rest.lastIndexOf(' ', cut);
    const end = blank > room / 3 ? blank : cut;
    lines.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).replace(/^ +/, '');
  }
  lines.push(rest);
  return lines;
}

/** The longest prefix (in UTF-16 units) that fits `width` columns; at least one character. */
function cutAt(text: string, width: number): number {
  let used = 0;
  let index = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width) break;
    used += w;
    index += ch.length;
  }
  return Math.max(index, text.codePointAt(0)! > 0xffff ? 2 : 1);
}
