import * as original from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import * as cached from '../../../src/ui/render-caches/ansi-tokenize.js';

const ESC = '\u001b';
const sgr = (codes: string) => `${ESC}[${codes}m`;

/** Lines as ink hands them over: plain, coloured by its transformers, and anything a log could put there. */
const LINES = [
  '',
  '  TIME (UTC)       EVENT            PRINCIPAL',
  '› 11-21 03:35:12   Decrypt          app-server/i-0abc…   alias/payments │ ▁▂▃█',
  `${sgr('90')}  header in gray${sgr('39')}`,
  `${sgr('31')}${sgr('7')}› an error row, selected${sgr('27')}${sgr('39')}`,
  `${sgr('1;36')}[1 Events 200,000+]${sgr('22;39')} 2 Facets`,
  `${sgr('38;5;208')}orange${sgr('39')} ${sgr('38;2;1;2;3')}true colour${sgr('0')} plain`,
  `${sgr('')}empty code${sgr('1')}bold${sgr('2')}dim${sgr('22')}`,
  '日本語のキー alias/日本',
  'emoji 👩‍💻 and flags 🇩🇪',
  'e\u0301 combining, zero\u200bwidth, bidi \\u202e escaped',
  `${ESC}[2J not a colour ${ESC} lone escape`,
  `tab\there ${ESC}]8;;https://example.com\u0007link${ESC}]8;;\u0007`,
];

describe('ink\'s tokenizer, remembered across frames', () => {
  it('splits every line into the tokens the package gives', () => {
    for (const line of LINES) expect(cached.tokenize(line), JSON.stringify(line)).toEqual(original.tokenize(line));
  });

  it('styles the characters of every line as the package does', () => {
    for (const line of LINES) {
      const tokens = cached.tokenize(line);
      expect(cached.styledCharsFromTokens(tokens), JSON.stringify(line)).toEqual(original.styledCharsFromTokens(original.tokenize(line)));
    }
  });

  it('joins a screen row of characters from several lines and blank cells into the same string', () => {
    const blank = (): original.StyledChar => ({ type: 'char', value: ' ', fullWidth: false, styles: [] });
    const pairs: Array<[string, string]> = [[LINES[3]!, LINES[4]!], [LINES[5]!, LINES[2]!], [LINES[6]!, LINES[7]!], [LINES[8]!, LINES[3]!]];
    for (const [left, right] of pairs) {
      const row = [...cached.styledCharsFromTokens(cached.tokenize(left)), blank(), blank(), ...cached.styledCharsFromTokens(cached.tokenize(right)), blank()];
      const expected = [...original.styledCharsFromTokens(original.tokenize(left)), blank(), blank(), ...original.styledCharsFromTokens(original.tokenize(right)), blank()];
      expect(cached.styledCharsToString(row)).toBe(original.styledCharsToString(expected));
    }
    expect(cached.styledCharsToString([])).toBe('');
  });

  it('joins a row again when anything after its first character changed, and not otherwise', () => {
    const blank = (): original.StyledChar => ({ type: 'char', value: ' ', fullWidth: false, styles: [] });
    const line = cached.styledCharsFromTokens(cached.tokenize(LINES[4]!));
    const other = cached.styledCharsFromTokens(cached.tokenize(LINES[3]!));
    const before = cached.styledCharsToString([...line, blank(), ...other]);
    expect(cached.styledCharsToString([...line, blank(), ...other])).toBe(before);
    // The same line at the start of the row, something else after it (the next frame drew another cell there).
    const changed = [...line, ...cached.styledCharsFromTokens(cached.tokenize('x')), ...other];
    expect(cached.styledCharsToString(changed)).toBe(original.styledCharsToString(changed));
    expect(cached.styledCharsToString([...line, blank(), ...other.slice(1)])).toBe(original.styledCharsToString([...line, blank(), ...other.slice(1)]));
  });

  it('gives the same line the same answer in the next frame', () => {
    const line = LINES[4]!;
    const first = cached.styledCharsFromTokens(cached.tokenize(line));
    expect(cached.styledCharsFromTokens(cached.tokenize(line))).toBe(first);
  });
});
