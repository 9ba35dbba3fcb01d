import { describe, expect, it } from 'vitest';
import { fencedBlock, markdownTable, markdownText } from '../../../src/core/export/markdown-text.js';
import { mermaidLabel, mermaidText } from '../../../src/core/export/mermaid-text.js';

describe('markdownText', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['`code`', '\\`code\\`'],
    ['<script>&amp;', '&lt;script&gt;&amp;amp;'],
    ['[x](http://evil)', '\\[x\\]\\(http\\://evil\\)'],
    ['![img](y)', '\\!\\[img\\]\\(y\\)'],
    ['*a* _b_ ~c~', '\\*a\\* \\_b\\_ \\~c\\~'],
    ['# title', '\\# title'],
    ['@admin', '\\@admin'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j as %j', (value, escaped) => {
    expect(markdownText(value)).toBe(escaped);
  });

  it('leaves `_` inside a word alone: it cannot start emphasis there', () => {
    expect(markdownText('111122223333_CloudTrail_us-east-1 _em_')).toBe('111122223333_CloudTrail_us-east-1 \\_em\\_');
  });

  it('breaks links a renderer would make on its own, but leaves IPs and versions readable', () => {
    expect(markdownText('see www.evil.example')).toBe('see www\\.evil\\.example');
    expect(markdownText('203.0.113.7 aws-cli/2.15.1')).toBe('203.0.113.7 aws-cli/2.15.1');
  });

  it('turns line breaks and escape sequences into visible text on one line', () => {
    expect(markdownText('a\nb\u001b[2J')).toBe('a\\\\nb\\\\x1b\\[2J');
  });
});

describe('markdownTable', () => {
  it('gives every row the header\'s cell count, padding short rows', () => {
    expect(markdownTable(['A', 'B'], [['1'], ['2', '3']])).toBe('| A | B |\n| --- | --- |\n| 1 |   |\n| 2 | 3 |');
  });
});

describe('fencedBlock', () => {
  it('uses a fence longer than any backtick run inside, so the content cannot close it', () => {
    expect(fencedBlock('a ```` b', 'sh')).toBe('`````sh\na ```` b\n`````');
    expect(fencedBlock('plain', 'sh')).toBe('```sh\nplain\n```');
  });
});

describe('mermaid labels', () => {
  it('write quotes, brackets, pipes, semicolons, hashes and HTML as entity codes', () => {
    expect(mermaidText('a"];b|c#<x>`')).toBe('a#34;#93;#59;b#124;c#35;#60;x#62;#96;');
    expect(mermaidLabel(['Decrypt', null, 'line\nbreak'])).toBe('"Decrypt<br/>line#92;nbreak"');
  });
});
