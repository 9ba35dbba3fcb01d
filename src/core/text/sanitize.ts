/**
 * Log fields are attacker-controlled. Before any of them reaches a terminal, every
 * control character (C0, DEL, C1), every format character (bidi overrides, zero-width
 * spaces and joiners, invisible tag characters, the byte-order mark) and the Unicode
 * line separators are made visible and inert (`\x1b`, `\u202e`, `\u{e0041}`), so no
 * escape sequence from a log is ever interpreted and no text hides inside another.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

export function sanitizeForTerminal(value: string): string {
  return value.replace(UNSAFE, escapeChar);
}

/** True when the value would be changed by sanitizeForTerminal. */
export function hasUnsafeCharacters(value: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(value);
  UNSAFE.lastIndex = 0;
  return found;
}
