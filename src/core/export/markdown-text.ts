import { sanitizeForTerminal } from '../text/sanitize.js';

/**
 * Escaping for everything from a log or a note that goes into the markdown note.
 * Log fields are attacker-controlled: a value must stay one run of plain text —
 * no table cell break, no link, image, HTML, emphasis, code span, mention or
 * autolink — in CommonMark, GFM and GitHub's renderer alike.
 */

/**
 * Characters that are markup somewhere inline; a backslash makes each one literal.
 * `(`, `)` and `!` are left alone: they only mean something next to `[` or `]`,
 * which are always escaped, so prose reads as typed.
 */
const BACKSLASHED = new Set(['\\', '`', '*', '_', '[', ']', '|', '~', '#', '@', '$', '{', '}']);
/** HTML-significant characters: entities, which every renderer reads as text. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const ALPHANUMERIC = /^[A-Za-z0-9]$/;

function escapeChar(ch: string, before: string, after: string): string {
  const entity = ENTITIES[ch];
  if (entity) return entity;
  // `_` between letters or digits never starts emphasis (CommonMark): file names stay readable.
  if (ch === '_' && ALPHANUMERIC.test(before) && ALPHANUMERIC.test(after.slice(0, 1))) return ch;
  if (BACKSLASHED.has(ch)) return `\\${ch}`;
  // Renderers turn `scheme://...`, `www.x` and (linkifiers) bare `host.tld` into links
  // without any markup: break each trigger. A dot before a digit (IPs, versions) stays.
  if (ch === ':' && after.startsWith('//')) return '\\:';
  if (ch === '.' && after !== '' && !/^[\d\s]/.test(after)) return '\\.';
  return ch;
}

/**
 * Host names and e-mail addresses (`kms.amazonaws.com`, `bob@example.com`): linkifiers
 * turn them into links. As code spans they read as written and no renderer links them;
 * they hold no backtick, pipe or space, so the span needs no padding.
 */
const LINKABLE = /(?:[A-Za-z0-9._%+-]+@)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}[A-Za-z0-9-]*/g;

/** Escapes text[from, to); a character's neighbours are looked at within that run only. */
function escapeRun(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += escapeChar(text[i]!, i > from ? text[i - 1]! : '', text.slice(i + 1, Math.min(i + 3, to)));
  return out;
}

/**
 * One line of inline text: control characters made visible first (so line breaks
 * and escape sequences never reach the file raw), host names and addresses as code
 * spans, every other markup character escaped. Safe inside paragraphs, list items,
 * headings and table cells.
 */
export function markdownText(value: string | null | undefined): string {
  const text = sanitizeForTerminal(value ?? '');
  let out = '';
  let done = 0;
  for (const match of text.matchAll(LINKABLE)) {
    out += `${escapeRun(text, done, match.index)}\`${match[0]}\``;
    done = match.index + match[0].length;
  }
  return out + escapeRun(text, done, text.length);
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * An identifier (principal, key, IP, id) as a code span: nothing inside a code span is
 * markup, so it reads raw exactly as logged. The fence is longer than any backtick run
 * inside, and padded with a space when the value starts or ends with a backtick or a
 * space (CommonMark strips one such space from each side). Not for table cells: a pipe
 * still splits a GFM table cell inside a code span.
 */
export function codeSpan(value: string | null | undefined): string {
  const text = sanitizeForTerminal(value ?? '');
  if (text === '') return '–';
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = /^[`\s]|[`\s]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so the
 * content cannot close it. Content is sanitized: no control character reaches the file.
 */
export function fencedBlock(content: string, info = ''): string {
  const lines = content.split('\n').map((line) => sanitizeForTerminal(line));
  const longestRun = Math.max(0, ...lines.map(longestBacktickRun));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}${info}`, ...lines, fence].join('\n');
}
