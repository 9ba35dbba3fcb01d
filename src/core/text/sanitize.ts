/**
 * Log fields are attacker-controlled. Before any of them reaches a terminal, every
 * C0/C1 control character, DEL and the Unicode bidi/line separators are made visible
 * and inert (`\x1b`, `\u202e`), so no escape sequence from a log is ever interpreted.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
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
