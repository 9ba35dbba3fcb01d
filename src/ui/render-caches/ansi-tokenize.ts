import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize as tokenizeLine, type AnsiCode, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';
import { quickTokens } from './quick-tokens.js';
import { memoizeRecent } from './recent-memo.js';

export * from '@alcalzone/ansi-tokenize';

/*
 * Ink's output stage (see scripts/build.mjs) splits every line of every frame into styled
 * characters and joins each screen row back into a string, afresh each frame. Here a line
 * drawn in a recent frame gives back the same tokens, and the same tokens the same styled
 * characters (ink only reads them), and a screen row of the same characters the same
 * string. A run of characters in one style shares one styles array, so joining a new row
 * compares styles only where they change. Results are the package's.
 */

const recentTokens = memoizeRecent((line: string) => quickTokens(line) ?? tokenizeLine(line), 4096);
const styledOf = new WeakMap<Token[], StyledChar[]>();

export function tokenize(line: string, endChar?: number): Token[] {
  return endChar === undefined ? recentTokens(line) : tokenizeLine(line, endChar);
}

export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let chars = styledOf.get(tokens);
  if (chars) return chars;
  chars = [];
  let codes: AnsiCode[] = [];
  let styles: AnsiCode[] | null = null;
  for (const token of tokens) {
    if (token.type === 'ansi') {
      codes = reduceAnsiCodesIncremental(codes, [token]);
      styles = null;
    } else {
      styles ??= [...codes];
      chars.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles });
    }
  }
  styledOf.set(tokens, chars);
  return chars;
}

const sameStyles = (a: AnsiCode[], b: AnsiCode[]) => a === b || (a.length === 0 && b.length === 0);

/** Draws the same: the same character, or a blank ink made afresh for a cell nothing was written to (or a wide character's second half). */
const drawsSame = (a: StyledChar, b: StyledChar) => a === b || (a.value === b.value && a.fullWidth === b.fullWidth && sameStyles(a.styles, b.styles));

/** The row last joined from each first character: a screen row starts with the first character of the line drawn there. */
const rowsByFirst = new WeakMap<StyledChar, { chars: StyledChar[]; text: string }>();

function joinRow(chars: StyledChar[]): string {
  let text = '';
  let styles: AnsiCode[] = [];
  for (const char of chars) {
    if (!sameStyles(styles, char.styles)) text += ansiCodesToString(diffAnsiCodes(styles, char.styles));
    text += char.value;
    styles = char.styles;
  }
  return styles.length > 0 ? text + ansiCodesToString(diffAnsiCodes(styles, [])) : text;
}

export function styledCharsToString(chars: StyledChar[]): string {
  const first = chars[0];
  if (!first) return '';
  const last = rowsByFirst.get(first);
  if (last && last.chars.length === chars.length && chars.every((char, index) => drawsSame(char, last.chars[index]!))) return last.text;
  const text = joinRow(chars);
  rowsByFirst.set(first, { chars, text });
  return text;
}
