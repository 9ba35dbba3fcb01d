/**
 * Log fields are attacker-controlled. Before any of them reaches a terminal or a note, every
 * character a reader cannot see or that changes how others are drawn is made visible and
 * inert (`\x1b`, `\u202e`, `\u{e0041}`): C0/C1 controls and DEL (escape sequences), format
 * characters (bidi overrides, zero-width space and joiners, tag characters), the line and
 * paragraph separators, the other default-ignorable code points (variation selectors,
 * Hangul fillers) and lone surrogates. No escape sequence from a log is ever interpreted, and
 * two values that differ only in invisible characters never look the same.
 */
export const UNSAFE_TEXT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Cs}]/gu;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

export function sanitizeForTerminal(value: string): string {
  return value.replace(UNSAFE_TEXT, escapeChar);
}

/** A message of several lines made safe line by line: its own line breaks stay, everything else unsafe is escaped. */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeForTerminal).join('\n');
}

/** True when the value would be changed by sanitizeForTerminal. */
export function hasUnsafeCharacters(value: string): boolean {
  UNSAFE_TEXT.lastIndex = 0;
  const found = UNSAFE_TEXT.test(value);
  UNSAFE_TEXT.lastIndex = 0;
  return found;
}
