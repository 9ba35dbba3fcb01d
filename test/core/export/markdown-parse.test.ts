import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chain } from '../../../src/core/correlate/types.js';
import { buildIncidentReport } from '../../../src/core/export/build-report.js';
import { renderMarkdown } from '../../../src/core/export/render-markdown.js';
import { sanitizeForTerminal } from '../../../src/core/text/sanitize.js';
import { GENERATED_AT, HOSTILE, makeIncidentFixture, type IncidentFixture } from './incident-fixture.js';

// The strictest reader: raw HTML allowed and bare links auto-linked, so any leak shows.
const markdown = new MarkdownIt({ html: true, linkify: true });

function member(index: number, depth: number, principal: string, linkValue: string | null) {
  return {
    parent: index === 0 ? null : `chain-${index - 1}`,
    seq: index, uid: `chain-${index}`, eventID: `chain-${index}`, eventTime: `2026-11-20T10:0${index}:00Z`, eventName: `Step${index}`,
    principal, depth, folded: index === 2, link: linkValue === null ? null : { kind: 'instance' as const, value: linkValue, reason: HOSTILE.note },
  };
}

/** A chain shaped by the contract, every string hostile; rendering must keep each inside its label. */
const HOSTILE_CHAIN: Chain = {
  origin: { seq: 0, uid: 'chain-0', eventID: 'chain-0' },
  root: { principal: HOSTILE.principal, eventID: 'chain-0', uid: 'chain-0' },
  events: [
    member(0, 0, HOSTILE.principal, null),
    member(1, 1, 'a"];\n  evil["x', 'i-0abc"] --> pwn["'),
    member(2, 4, '```\nnot code', '|"|'),
  ],
  missing: [HOSTILE.error],
  truncated: false,
};

function children(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => [token, ...children(token.children ?? [])]);
}

describe('the markdown note, read by a real markdown parser', () => {
  let fixture: IncidentFixture;
  let tokens: Token[];
  let html: string;
  let note: string;
  beforeAll(async () => {
    fixture = await makeIncidentFixture();
    const report = buildIncidentReport(fixture.db, { title: HOSTILE.note, now: GENERATED_AT, logDirectory: HOSTILE.request, indexPath: HOSTILE.ip });
    report.findings[0]!.chain = HOSTILE_CHAIN;
    note = renderMarkdown(report);
    tokens = markdown.parse(note, {});
    html = markdown.render(note);
  });
  afterAll(() => fixture.cleanup());

  it('keeps every table row at its header\'s cell count, as written and as parsed', () => {
    const lines = note.split('\n');
    const tables = tokens.filter((token) => token.type === 'table_open');
    // header, event counts, timeline, evidence: no value broke out into a table of its own
    expect(tables).toHaveLength(4);
    for (const table of tables) {
      const [start, end] = table.map!;
      // A parser drops cells beyond the header's count, so count the delimiters as written too.
      const counts = lines.slice(start, end).map((line) => line.match(/(?<!\\)\|/g)?.length ?? 0);
      expect(new Set(counts).size, lines.slice(start, end).join('\n')).toBe(1);
    }
    const cells = children(tokens).filter((token) => token.type === 'inline').map((token) => markdown.renderInline(token.content));
    expect(cells).toContain(markdown.utils.escapeHtml(HOSTILE.principal));
    expect(cells).toContain(markdown.utils.escapeHtml(HOSTILE.alias));
  });

  it('renders hostile values as text: no link, image, HTML or emphasis from a log or a note', () => {
    const all = children(tokens);
    for (const type of ['link_open', 'image', 'html_inline', 'html_block', 'em_open', 's_open', 'code_inline', 'code_block', 'hr']) {
      expect(all.filter((token) => token.type === type).map((token) => token.content), type).toEqual([]);
    }
    const strong = all.flatMap((token, index) => (token.type === 'strong_open' ? [all[index + 1]!.content] : []));
    expect(new Set(strong)).toEqual(new Set(['Principals:', 'KMS keys:', 'Source IPs:', 'Accounts:', 'Marked:', 'Events:', 'Started by:', 'Missing from the logs:', 'Rule:', 'Why it fired:']));
    expect(html).not.toMatch(/<(img|script|a|b|em|del|s)[\s>]/);
  });

  it('shows each hostile value, made visible, as the text a reader sees', () => {
    const text = children(tokens).filter((token) => token.type === 'text').map((token) => token.content).join('');
    for (const value of [HOSTILE.principal, HOSTILE.ip, HOSTILE.error, HOSTILE.emphasis, HOSTILE.alias, HOSTILE.eventName, HOSTILE.escape, HOSTILE.note]) {
      expect(text).toContain(sanitizeForTerminal(value));
    }
    expect(note).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('closes every fenced block, and mermaid labels cannot end early', () => {
    const headings = tokens.flatMap((token, index) => (token.type === 'heading_open' ? [`${token.tag} ${tokens[index + 1]!.content.slice(0, 20)}`] : []));
    expect(headings.filter((heading) => heading.startsWith('h2'))).toEqual(
      ['h2 Summary', 'h2 Findings', 'h2 Timeline', 'h2 Chains', 'h2 Evidence'],
    );
    const fences = tokens.filter((token) => token.type === 'fence');
    expect(fences.filter((fence) => fence.info === 'sh')).toHaveLength(7);
    const diagrams = fences.filter((fence) => fence.info === 'mermaid').map((fence) => fence.content.trimEnd().split('\n'));
    expect(diagrams).toHaveLength(2);
    for (const diagram of diagrams) {
      expect(diagram[0]).toBe('flowchart TD');
      for (const line of diagram.slice(1)) expect(line).toMatch(/^ {2}(n\d+\["[^"]*"\]|n\d+ -->(\|"[^"|]*"\|)? n\d+)$/);
    }
    // The hostile chain: three nodes, two edges, nothing injected between them.
    const hostile = diagrams.find((diagram) => diagram.some((line) => line.includes('Step0')))!;
    expect(hostile.filter((line) => line.includes('-->'))).toHaveLength(2);
    expect(hostile.filter((line) => line.includes('["'))).toHaveLength(3);
  });
});
