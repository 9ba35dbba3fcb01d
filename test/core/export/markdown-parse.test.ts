import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chain } from '../../../src/core/correlate/types.js';
import { buildIncidentReport } from '../../../src/core/export/build-report.js';
import { chainSummary } from '../../../src/core/export/finding-report.js';
import { renderMarkdown } from '../../../src/core/export/render-markdown.js';
import type { IncidentReport } from '../../../src/core/export/report.js';
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

/** A chain shaped by the contract, every string hostile; rendering must keep each inside its code span. */
const HOSTILE_CHAIN: Chain = {
  origin: { seq: 2, uid: 'chain-2', eventID: 'chain-2' },
  root: { principal: HOSTILE.principal, eventID: 'chain-0', uid: 'chain-0' },
  events: [
    member(0, 0, HOSTILE.principal, null),
    member(1, 1, 'a"];\n  evil["x', 'i-0abc"] --> pwn["'),
    member(2, 2, '```\nnot code', '|"|'),
  ],
  missing: [HOSTILE.error],
  truncated: false,
};

function children(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => [token, ...children(token.children ?? [])]);
}

describe('the markdown note, read by a real markdown parser', () => {
  let fixture: IncidentFixture;
  let report: IncidentReport;
  let tokens: Token[];
  let html: string;
  let note: string;
  beforeAll(async () => {
    fixture = await makeIncidentFixture();
    report = buildIncidentReport(fixture.db, { title: HOSTILE.note, now: GENERATED_AT, logDirectory: HOSTILE.request, evidenceFile: HOSTILE.alias });
    report.findings[0]!.chain = chainSummary(HOSTILE_CHAIN);
    note = renderMarkdown(report);
    tokens = markdown.parse(note, {});
    html = markdown.render(note);
  });
  afterAll(() => fixture.cleanup());

  it('keeps the note\'s own structure: its headings and lists only, no table or block a value made', () => {
    const headings = tokens.flatMap((token, index) => (token.type === 'heading_open' ? [`${token.tag} ${tokens[index + 1]!.content.slice(0, 20)}`] : []));
    expect(headings.filter((heading) => heading.startsWith('h2'))).toEqual(
      ['h2 Summary', 'h2 Indicators', 'h2 Timeline (UTC)', 'h2 Still open, and how ', 'h2 Findings', 'h2 Evidence'],
    );
    expect(headings.filter((heading) => heading.startsWith('h3'))).toHaveLength(report.findings.length);
    expect(headings.filter((heading) => heading.startsWith('h1'))).toHaveLength(1);
    for (const type of ['table_open', 'blockquote_open', 'code_block', 'hr', 'html_block']) {
      expect(tokens.filter((token) => token.type === type), type).toEqual([]);
    }
  });

  it('renders hostile values as text or code: no link, image, HTML or emphasis from a log or a note', () => {
    const all = children(tokens);
    for (const type of ['link_open', 'image', 'html_inline', 'em_open', 's_open']) {
      expect(all.filter((token) => token.type === type).map((token) => token.content), type).toEqual([]);
    }
    // Bold is the note's own labels (and the headline, which starts with a code span).
    const labels = all.flatMap((token, index) => (token.type === 'strong_open' && all[index + 1]!.type === 'text' ? [all[index + 1]!.content] : []));
    for (const label of labels) {
      expect(label).toMatch(/^(Who|What|When \(UTC\)|From where|Impact|Taken back in the logs|IP addresses|Access key ids|Principals|Outside accounts|User agents|Grant ids|Containment|Grant never retired or revoked):$/);
    }
    expect(html).not.toMatch(/<(img|script|a|b|em|del|s)[\s>]/);
  });

  it('shows each hostile value, made visible, as the text or code a reader sees', () => {
    const shown = children(tokens).filter((token) => token.type === 'text' || token.type === 'code_inline').map((token) => token.content).join('');
    for (const value of [HOSTILE.principal, HOSTILE.ip, HOSTILE.error, HOSTILE.emphasis, HOSTILE.alias, HOSTILE.eventName, HOSTILE.escape, HOSTILE.note, HOSTILE.request]) {
      expect(shown).toContain(sanitizeForTerminal(value));
    }
    // Identifiers are code spans, shown exactly as logged: no backslash in them.
    const code = children(tokens).filter((token) => token.type === 'code_inline').map((token) => token.content);
    expect(code).toContain(HOSTILE.principal);
    expect(code).toContain(HOSTILE.alias);
    expect(note).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('closes every fenced block: only the printed commands are fenced, as sh', () => {
    const fences = tokens.filter((token) => token.type === 'fence');
    expect(fences.map((fence) => fence.info)).toEqual(report.open.map(() => 'sh'));
    expect(fences.map((fence) => fence.content.trimEnd())).toEqual(report.open.map((item) => item.command));
  });

  it('keeps a hostile chain on one line: each value a code span, the path intact', () => {
    const line = note.split('\n').find((text) => text.startsWith('- Started by'))!;
    const rendered = markdown.renderInline(line.slice(2));
    // the root, each step's call and caller, the two shared values, and the host named in the missing-link text
    expect(rendered.match(/<code>/g)).toHaveLength(10);
    expect(rendered).toContain('<code>Step0</code>');
    expect(rendered).toContain('<code>Step2</code>');
    expect(line.match(/ → /g)).toHaveLength(2);
  });
});

describe('the short forms a large note falls back to, read by a real markdown parser', () => {
  let fixture: IncidentFixture;
  let tokens: Token[];
  let note: string;
  beforeAll(async () => {
    fixture = await makeIncidentFixture();
    const report = buildIncidentReport(fixture.db, { title: 'Large', now: GENERATED_AT, logDirectory: 'logs', evidenceFile: HOSTILE.alias });
    // Enough findings and open items that most are told in one line each, every value hostile.
    const hostileOpen = { ...report.open[0]!, subject: HOSTILE.alias, subjectAliases: [HOSTILE.eventName], facts: [{ label: 'to', value: HOSTILE.request }], command: `aws kms x ${HOSTILE.request}` };
    note = renderMarkdown({
      ...report,
      findings: Array.from({ length: 30 }, () => report.findings.map((finding) => ({ ...finding, note: HOSTILE.note }))).flat(),
      open: Array.from({ length: 40 }, () => hostileOpen),
    });
    tokens = markdown.parse(note, {});
  });
  afterAll(() => fixture.cleanup());

  it('uses the short forms, and they make no link, image, HTML, table or stray code block', () => {
    expect(note).toMatch(/more findings, in short:/);
    expect(note).toMatch(/more items?, each with its command/);
    const all = children(tokens);
    for (const type of ['link_open', 'image', 'html_inline', 'html_block', 'em_open', 's_open', 'table_open', 'code_block']) {
      expect(all.filter((token) => token.type === type).map((token) => token.content), type).toEqual([]);
    }
    // The one-line items carry their command whole, newlines made visible, as one code span.
    const code = all.filter((token) => token.type === 'code_inline').map((token) => token.content);
    expect(code).toContain(sanitizeForTerminal(`aws kms x ${HOSTILE.request}`));
  });
});
