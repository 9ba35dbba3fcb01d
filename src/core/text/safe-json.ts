/**
 * JSON for terminals and pipes: JSON.stringify already escapes C0 controls; this also
 * escapes DEL, C1 controls, the Unicode line separators and every format character
 * (bidi controls, zero-width and tag characters), which terminals act on or hide, so a
 * log field can never become an escape sequence or invisible text in `--json` output.
 */
const STILL_UNSAFE = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/** `\uXXXX` for each UTF-16 unit: JSON spells a character beyond U+FFFF as its surrogate pair. */
function jsonEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

export function safeJson(value: unknown, indent?: number): string {
  return safeJsonText(JSON.stringify(value, null, indent));
}

/**
 * The same escaping for JSON text kept as delivered (a raw CloudTrail record). Those
 * characters can only stand inside a JSON string, where the escape means the same.
 */
export function safeJsonText(json: string): string {
  return json.replace(STILL_UNSAFE, jsonEscape);
}
