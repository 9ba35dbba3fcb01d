import { describe, expect, it } from 'vitest';
import { markdownText } from '../../../src/core/export/markdown-text.js';
import { displayWidth, fitCell } from '../../../src/core/text/fit.js';
import { safeJson } from '../../../src/core/text/safe-json.js';
import { sanitizeForTerminal } from '../../../src/core/text/sanitize.js';

const HOSTILE = 'a\u001b]0;title\u0007b\u001b[2Jc\u009b31md\u202eevil\u2028e\u007f';

describe('log text on a terminal', () => {
  it('makes every control, C1 and bidi character visible and inert', () => {
    const safe = sanitizeForTerminal(HOSTILE);
    expect(safe).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\x9b31md\\u202eevil\\u2028e\\x7f');
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
  });

  it('keeps JSON output parseable and free of raw control and bidi characters', () => {
    const json = safeJson({ userAgent: HOSTILE });
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(json)).toEqual({ userAgent: HOSTILE });
  });

  it('fits a wide value into its column with an ellipsis instead of wrapping', () => {
    expect(fitCell('arn:aws:iam::111122223333:user/alice', 12)).toBe('arn:aws:iam…');
    expect(fitCell('漢字漢字漢字', 7)).toBe('漢字漢…');
    expect(fitCell('漢字漢字漢字', 8)).toBe('漢字漢… ');
    expect(fitCell('\u001b[2J', 10)).toBe('\\x1b[2J   ');
  });
});

/** Characters that draw as nothing (or reorder what follows), each hidden in a principal. */
const INVISIBLE: Record<string, string> = {
  'right-to-left override': '\u202e',
  'zero-width space': '\u200b',
  'zero-width joiner': '\u200d',
  'tag letter A': '\u{e0041}',
  'line separator': '\u2028',
  'soft hyphen': '\u00ad',
  'variation selector': '\ufe0f',
  'Hangul filler': '\u3164',
};
const PLAIN = 'arn:aws:iam::111122223333:user/bob';
const RAW_INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

describe('invisible characters in log text', () => {
  it.each(Object.entries(INVISIBLE))('shows a hidden %s, so the spoof never looks like the real principal', (_name, ch) => {
    const spoof = `${PLAIN.slice(0, 30)}${ch}${PLAIN.slice(30)}`;
    const safe = sanitizeForTerminal(spoof);
    expect(safe).not.toBe(PLAIN);
    expect(safe).not.toMatch(RAW_INVISIBLE);
    expect(safe).toBe(`${PLAIN.slice(0, 30)}${sanitizeForTerminal(ch)}${PLAIN.slice(30)}`);
    expect(sanitizeForTerminal(ch)).toMatch(/^\\u(\{[0-9a-f]+\}|[0-9a-f]{4})$|^\\x[0-9a-f]{2}$/);
  });

  it('writes characters beyond U+FFFF as one escape, and a lone surrogate as its code', () => {
    expect(sanitizeForTerminal('bob\u{e0041}\u{e0042}')).toBe('bob\\u{e0041}\\u{e0042}');
    expect(sanitizeForTerminal('bob\ud800x')).toBe('bob\\ud800x');
  });

  it('keeps letters, accents, CJK and emoji that are not hidden', () => {
    expect(sanitizeForTerminal('José 漢字 e\u0301 🔑')).toBe('José 漢字 e\u0301 🔑');
  });

  it('fits a hostile value into exactly its column count, the escapes visible', () => {
    const hostile = `bob\u200b\u202e\u{e0041}\u2028漢`;
    for (const width of [3, 8, 20, 40]) {
      const cell = fitCell(hostile, width);
      expect(displayWidth(cell)).toBe(width);
      expect(cell).not.toMatch(RAW_INVISIBLE);
    }
    expect(fitCell(hostile, 40).trimEnd()).toBe('bob\\u200b\\u202e\\u{e0041}\\u2028漢');
    expect(fitCell(`bob\u200d`, 4)).toBe('bob…');
    expect(fitCell(`bob\u200d`, 10)).not.toBe(fitCell('bob', 10));
  });

  it('escapes them in --json output and in the note, where parsing gives the value back', () => {
    const spoof = `user/bob\u200b\u202e\u{e0041}\u2028\ufe0f`;
    const json = safeJson({ principal: spoof });
    expect(json).not.toMatch(RAW_INVISIBLE);
    expect(json).toContain('\\udb40\\udc41');
    expect(JSON.parse(json)).toEqual({ principal: spoof });
    const note = markdownText(spoof);
    expect(note).not.toMatch(RAW_INVISIBLE);
    expect(note).toContain('\\\\u200b');
  });
});

describe('safeJson with indentation', () => {
  it('keeps its own line breaks and still escapes the hidden characters in values', () => {
    const value = { principal: 'user/b\u200bob', userAgent: 'a\u2028b' };
    const json = safeJson(value, 2);
    expect(json.split('\n')).toHaveLength(4);
    expect(json).toContain('"user/b\\u200bob"');
    expect(JSON.parse(json)).toEqual(value);
  });
});
