import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { codeSpan, fencedBlock, markdownText } from '../../../src/core/export/markdown-text.js';

const markdown = new MarkdownIt({ html: true, linkify: true });

describe('markdownText', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['`code`', '\\`code\\`'],
    ['<script>&amp;', '&lt;script&gt;&amp;amp;'],
    ['[x](http://evil)', '\\[x\\](http\\://evil)'],
    ['![img](y)', '!\\[img\\](y)'],
    ['*a* _b_ ~c~', '\\*a\\* \\_b\\_ \\~c\\~'],
    ['# title', '\\# title'],
    ['@admin', '\\@admin'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j as %j', (value, escaped) => {
    expect(markdownText(value)).toBe(escaped);
  });

  it('leaves prose readable: parentheses and `!` stay as typed, as `[` and `]` are always escaped', () => {
    expect(markdownText('from 203.0.113.66 (Kali Linux user agent)!')).toBe('from 203.0.113.66 (Kali Linux user agent)!');
    expect(markdown.renderInline(markdownText('[x](https://evil.example)'))).not.toContain('<a');
  });

  it('leaves `_` inside a word alone: it cannot start emphasis there', () => {
    expect(markdownText('111122223333_CloudTrail_us-east-1 _em_')).toBe('111122223333_CloudTrail_us-east-1 \\_em\\_');
  });

  it('shows host names and addresses as code, which no renderer links, and leaves IPs and versions readable', () => {
    expect(markdownText('see www.evil.example or bob@example.com.')).toBe('see `www.evil.example` or `bob@example.com`.');
    expect(markdown.renderInline(markdownText('no longer records kms.amazonaws.com calls'))).toBe('no longer records <code>kms.amazonaws.com</code> calls');
    expect(markdownText('203.0.113.7 aws-cli/2.15.1')).toBe('203.0.113.7 aws-cli/2.15.1');
    expect(markdownText('https://evil.example/x')).toBe('https\\://`evil.example`/x');
  });

  it('turns line breaks and escape sequences into visible text on one line', () => {
    expect(markdownText('a\nb\u001b[2J')).toBe('a\\\\nb\\\\x1b\\[2J');
  });
});

describe('codeSpan', () => {
  it('shows an identifier exactly as logged, with no backslash', () => {
    expect(codeSpan('arn:aws:sts::111122223333:assumed-role/Admin/bob@example.com')).toBe('`arn:aws:sts::111122223333:assumed-role/Admin/bob@example.com`');
    expect(markdown.renderInline(codeSpan('a_b*c* [x](y) <b>'))).toBe('<code>a_b*c* [x](y) &lt;b&gt;</code>');
  });

  it('fences past any backtick run inside, padding a value that starts or ends with one', () => {
    expect(codeSpan('a``b')).toBe('```a``b```');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(markdown.renderInline(codeSpan('`pwn`|x'))).toBe('<code>`pwn`|x</code>');
  });

  it('makes control and format characters visible, and says when there is nothing', () => {
    expect(codeSpan('a\nb\u202e')).toBe('`a\\nb\\u202e`');
    expect(codeSpan('')).toBe('–');
  });
});

describe('fencedBlock', () => {
  it('uses a fence longer than any backtick run inside, so the content cannot close it', () => {
    expect(fencedBlock('a ```` b', 'sh')).toBe('`````sh\na ```` b\n`````');
    expect(fencedBlock('plain', 'sh')).toBe('```sh\nplain\n```');
  });
});
