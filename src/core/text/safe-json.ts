import { UNSAFE_TEXT } from './sanitize.js';

/**
 * JSON for terminals and pipes: JSON.stringify already escapes C0 controls and lone
 * surrogates; this also escapes DEL, C1 controls, format characters (bidi, zero-width,
 * tags), the line separators and the other default-ignorable code points, which terminals
 * act on or draw as nothing, so a log field can never become an escape sequence or hide in
 * `--json` output. Characters beyond U+FFFF are written as their two `\uXXXX` halves, as JSON requires.
 */
/** C0 characters left raw by JSON.stringify are its own layout (newlines of `indent`): kept. */
const escapeUnits = (ch: string): string => (ch < ' ' ? ch
  : Array.from({ length: ch.length }, (_, index) => `\\u${ch.charCodeAt(index).toString(16).padStart(4, '0')}`).join(''));

export function safeJson(value: unknown, indent?: number): string {
  return safeJsonText(JSON.stringify(value, null, indent));
}

/**
 * The same escaping for JSON text kept as delivered (a raw CloudTrail record). Those
 * characters can only stand inside a JSON string, where the escape means the same.
 */
export function safeJsonText(json: string): string {
  return json.replace(UNSAFE_TEXT, escapeUnits);
}
