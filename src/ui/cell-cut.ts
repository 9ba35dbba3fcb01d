import { displayWidth, fitCell } from '../core/text/fit.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';

/**
 * Where a column's long values give way. `end` keeps their start (names, words, times);
 * `middle` keeps both ends of ARN-like and id-like values: those that share a start
 * (`app-server/i-0ab0…`, `KMSInvalid…`, a key id) differ at the end, so the end must stay.
 * An IAM or STS ARN first drops its `arn:aws:sts::`, then its account, and a key alias its
 * `alias/`, before anything is cut.
 */
export type CellCut = 'end' | 'middle';

/**
 * The characters of ARNs, IAM names, ids and codes (and the blanks between a key's names). Anything
 * else (an escaped control character, prose) is cut at the end: its start says what it is.
 */
const ID_LIKE = /^[A-Za-z0-9 :/._@+=,*~-]*$/;

/** The first characters of `text` that fill at most `width` columns. */
function head(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  return out;
}

/** The last characters of `text` that fill at most `width` columns (whole characters: no pair is split). */
function tail(text: string, width: number): string {
  const chars = [...text];
  let start = chars.length;
  let used = 0;
  while (start > 0) {
    const w = displayWidth(chars[start - 1]!);
    if (used + w > width) break;
    used += w;
    start--;
  }
  return chars.slice(start).join('');
}

/** The end of a (sanitized) text in `width` columns, `…` where its start was: a breadcrumb's latest steps, a typed line. */
export function keepEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return width <= 0 ? '' : `…${tail(text, width - 1)}`;
}

/** Both ends of a (sanitized) text in `width` columns, `…` in the middle; the end gets the odd column. */
export function keepEnds(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  const end = Math.ceil((width - 1) / 2);
  return `${head(text, width - 1 - end)}…${tail(text, end)}`;
}

/** A global (IAM, STS) ARN: no region, an account, then what tells it apart. */
const GLOBAL_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+::(\d{12}):(.+)$/;

/**
 * A value's forms, longest first: an IAM or STS ARN with its account (`111122223333:assumed-role/…`),
 * then without; a key alias without `alias/`.
 */
function shorterForms(text: string): string[] {
  const arn = GLOBAL_ARN.exec(text);
  if (arn) return [text, `${arn[1]}:${arn[2]}`, arn[2]!];
  return text.startsWith('alias/') ? [text, text.slice('alias/'.length)] : [text];
}

/** A table cell: log data sanitized, cut where its column says, padded to exactly `width` columns. */
export function fitColumnCell(value: string | null, width: number, align: 'left' | 'right' = 'left', cut: CellCut = 'end'): string {
  if (cut === 'end') return fitCell(value, width, align);
  const text = sanitizeForTerminal(value ?? '');
  if (displayWidth(text) <= width || !ID_LIKE.test(text)) return fitCell(text, width, align);
  const forms = shorterForms(text);
  const fitting = forms.find((form) => displayWidth(form) <= width);
  return fitCell(fitting ?? keepEnds(forms.at(-1)!, width), width, align);
}
