/**
 * JSON for terminals and pipes: JSON.stringify already escapes C0 controls; this also
 * escapes DEL, C1 controls, the Unicode line separators and bidi controls, which
 * terminals act on, so a log field can never become an escape sequence in `--json` output.
 */
// eslint-disable-next-line no-control-regex
const STILL_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function safeJson(value: unknown, indent?: number): string {
  return safeJsonText(JSON.stringify(value, null, indent));
}

/**
 * The same escaping for JSON text kept as delivered (a raw CloudTrail record). Those
 * characters can only stand inside a JSON string, where the escape means the same.
 */
export function safeJsonText(json: string): string {
  return json.replace(STILL_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
