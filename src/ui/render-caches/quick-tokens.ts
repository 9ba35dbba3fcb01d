import { tokenize, type Token } from '@alcalzone/ansi-tokenize';
import { isOneColumnEach } from '../../core/text/fit.js';
import { memoizeRecent } from './recent-memo.js';

/** A complete SGR sequence (colour, bold, inverse...): the only escapes ink puts in the workbench's lines. */
const SGR = /\x1b\[[0-9;]*m/g;

const codeTokens = memoizeRecent((code: string) => tokenize(code), 256);

function pushChars(tokens: Token[], text: string): boolean {
  if (!isOneColumnEach(text)) return false;
  for (const value of text) tokens.push({ type: 'char', value, fullWidth: false });
  return true;
}

/**
 * ansi-tokenize's tokens for a line of one-column characters and SGR codes, without its
 * grapheme segmenter: each such character is a grapheme of its own, and no neighbour
 * joins it. Null for any other line (the segmenter is needed there).
 */
export function quickTokens(line: string): Token[] | null {
  const tokens: Token[] = [];
  let at = 0;
  for (const match of line.matchAll(SGR)) {
    if (!pushChars(tokens, line.slice(at, match.index))) return null;
    tokens.push(...codeTokens(match[0]));
    at = match.index + match[0].length;
  }
  return pushChars(tokens, line.slice(at)) ? tokens : null;
}
