import original from 'string-width';
import { describe, expect, it } from 'vitest';
import { memoizeRecent } from '../../../src/ui/render-caches/recent-memo.js';
import stringWidth from '../../../src/ui/render-caches/string-width.js';

describe('ink\'s string widths, remembered across frames', () => {
  it('measures as string-width does: one-column text, wide characters, emoji, marks and escapes', () => {
    const texts = ['', 'plain ascii', '› 11-21 …│▁█ ±é', '日本語', '👩‍💻 🇩🇪', 'e\u0301', 'zero\u200bwidth', '\u001b[31mred\u001b[39m', '\t'];
    for (const text of texts) {
      expect(stringWidth(text), JSON.stringify(text)).toBe(original(text));
      expect(stringWidth(text), JSON.stringify(text)).toBe(original(text));
    }
    expect(stringWidth('±', { ambiguousIsNarrow: false })).toBe(original('±', { ambiguousIsNarrow: false }));
  });

  it('keeps only recent answers, so a long session does not grow without end', () => {
    const computed: string[] = [];
    const lengthOf = memoizeRecent((text: string) => {
      computed.push(text);
      return text.length;
    }, 2);
    for (const text of ['a', 'bb', 'a', 'ccc', 'dddd', 'eeeee', 'a']) lengthOf(text);
    // 'a' is remembered while it is recent, computed again once five other lines have been drawn since.
    expect(computed).toEqual(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'a']);
  });
});
