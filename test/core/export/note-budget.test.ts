import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { fitsBudget, NOTE_BUDGET } from '../../../src/core/export/note-budget.js';
import { renderMarkdown } from '../../../src/core/export/render-markdown.js';
import type { IncidentReport, OpenItem, ReportFinding } from '../../../src/core/export/report.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555';
const range = (count: number) => Array.from({ length: count }, (_, index) => index);
const time = (minute: number) => new Date(Date.UTC(2026, 10, 21, 0, minute)).toISOString().replace('.000Z', 'Z');
const USER_AGENT = `aws-cli/2.22.4 ${'md/x#y '.repeat(40)}`;

function finding(id: number): ReportFinding {
  const sample = { uid: `event-${id}`, time: time(id), eventName: 'Decrypt', principal: `arn:aws:iam::111122223333:user/u${id}`, sourceIP: '203.0.113.66', errorCode: null };
  return {
    id, kind: id === 1 ? 'filter' : 'hit', reference: id === 1 ? 'event:Decrypt' : `rule:${id}`, note: `finding ${id} ${'long note '.repeat(id === 2 ? 2000 : 3)}`,
    markedAt: time(0), total: id === 1 ? 150_000 : 40, window: { from: time(0), to: time(59) }, samples: [sample, sample, sample], problem: null,
    hit: { id: `rule:${id}`, rule: 'new-source-ip', severity: 'high', title: 'Key used from a new IP', reason: 'a reason '.repeat(20), first: time(0), last: time(59), principal: null, key: KEY, ip: null } as ReportFinding['hit'],
    chain: null, reproduce: { command: `keytrail query --dir logs --limit 0 id:${range(12).map((n) => `event-${id}-${n}`).join(',')}`, filter: '', exact: true },
  };
}

function openItem(index: number): OpenItem {
  const policy = JSON.stringify({ Statement: range(400).map((n) => ({ Sid: `s${n}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${n}:root` }, Action: 'kms:*', Resource: '*' })) }, null, 2);
  return {
    kind: index % 2 === 0 ? 'grant' : 'policy', subject: KEY, subjectAliases: [`alias/a${index}`], at: time(index), by: 'arn:aws:iam::111122223333:user/mallory',
    event: `change-${index}`, inFindings: true, facts: [{ label: 'grant', value: 'g'.repeat(64) }], command: `aws kms revoke-grant --key-id ${KEY} --grant-id ${'g'.repeat(64)} --region us-east-1`,
    previousPolicy: index % 2 === 1 ? { json: policy, event: `policy-${index}` } : null,
  };
}

/** 30 findings (one a filter of 150,000 events, one with a 20,000-character note), 40 open items with 30 KB policies, hundreds of values. */
function bigReport(): IncidentReport {
  const values = (prefix: string, count: number) => range(count).map((n) => `${prefix}${n}`);
  return {
    title: 'Big incident', generatedAt: time(0), window: { from: time(0), to: time(59) }, logDirectory: 'logs',
    index: { events: 2_000_000, files: 9_000, rejectedRecords: 0, firstEvent: time(0), lastEvent: time(59) },
    summary: {
      calls: 150_000, actors: values('arn:aws:iam::111122223333:user/actor-', 300).map((value) => ({ value, count: 5, root: null, outsideAccount: null })),
      keys: values(`${KEY}-`, 200).map((key) => ({ key, aliases: [`alias/${key.slice(-3)}`], calls: 9, failed: 1, operations: values('Op', 30).map((value) => ({ value, count: 2 })) })),
      ips: values('10.0.0.', 8).map((value) => ({ value, count: 3 })), externalAccounts: values('99998888', 300), contexts: [],
    },
    indicators: {
      ips: values('10.1.', 500), accessKeyIds: values('AKIAEXAMPLE', 400), principals: values('arn:aws:iam::1:user/p', 300),
      externalAccounts: values('99998888', 300), userAgents: values(USER_AGENT, 200), grantIds: values('g', 100),
    },
    timeline: range(500).map((n) => ({
      from: time(n % 60), to: time(n % 60), count: 3, eventName: 'Decrypt', principal: 'arn:aws:iam::111122223333:user/mallory', key: KEY, keyAliases: [],
      sourceIPs: ['203.0.113.66'], errors: [], sampleEvent: `sample-${n}`, containment: false, findings: [1],
    })),
    contextEvents: 5, findings: range(30).map((n) => finding(n + 1)), open: range(40).map(openItem),
    closed: range(50).map((n) => ({ ...openItem(n), closedAt: time(n), closedBy: 'arn:aws:iam::111122223333:user/admin', closedEvent: `undo-${n}` })),
    evidence: { file: 'big.md.evidence.jsonl', events: 100_000, sourceFiles: 9_000, integrity: [{ value: 'valid', count: 9_000 }], partial: [{ finding: 1, inFile: 100_000, total: 150_000 }] },
    integrity: null,
  };
}

describe('the note on a large incident', () => {
  const note = renderMarkdown(bigReport());

  it(`stays within ${NOTE_BUDGET.lines} lines and ${NOTE_BUDGET.bytes / 1024} KB`, () => {
    expect(note.split('\n').length - 1).toBeLessThanOrEqual(NOTE_BUDGET.lines);
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(NOTE_BUDGET.bytes);
    expect(fitsBudget(note)).toBe(true);
  });

  it('says how much it left out, and where the rest is', () => {
    expect(note).toContain('and 295 more principals (in the evidence file)');
    expect(note).toContain('490 later moments are left out here; the evidence file lists every event.');
    expect(note).toMatch(/\n\d+ more items, each with its command: the JSON export/);
    expect(note).toMatch(/\n\d+ more findings: their events are in the evidence file, by finding number\./);
    expect(note).toContain('- **User agents:** ');
    // A key's 30 call names are 8 and a count: log values, there could be thousands.
    expect(note).toContain('Op7 ×2 and 22 more');
    expect(note).toMatch(/and 19[0-9] more \(the JSON export/);
    // The filter finding's 150,000 events are counted, not listed, and the evidence file says it holds only the newest.
    expect(note).toContain('150,000 events');
    expect(note).toContain('Not every one: finding 1 matches 150,000 events, of which it holds the newest 100,000');
  });

  it('keeps the structure a renderer needs: one ordered list of open items, no stray code block', () => {
    const tokens = new MarkdownIt().parse(note, {});
    const headings = tokens.filter((token) => token.type === 'heading_open' && token.tag === 'h2').map((token) => tokens[tokens.indexOf(token) + 1]!.content);
    expect(headings).toEqual(['Summary', 'Indicators', 'Timeline (UTC)', 'Still open, and how to close it', 'Findings', 'Evidence']);
    expect(tokens.filter((token) => token.type === 'ordered_list_open')).toHaveLength(1);
  });
});
