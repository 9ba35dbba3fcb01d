/**
 * JSON for terminals and pipes: JSON.stringify already escapes C0 controls; this also
 * escapes DEL, C1 controls and the Unicode line separators, which some terminals act
 * on, so a log field can never become an escape sequence in `--json` output.
 */
// eslint-disable-next-line no-control-regex
const STILL_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(STILL_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
