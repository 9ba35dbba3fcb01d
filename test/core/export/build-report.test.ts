import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncident, buildIncidentReport } from '../../../src/core/export/build-report.js';
import { renderMarkdown } from '../../../src/core/export/render-markdown.js';
import type { IncidentReport } from '../../../src/core/export/report.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { markFinding } from '../../../src/core/findings/mark.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

const SESSION = 'arn:aws:sts::111122223333:assumed-role/ops/mallory-session';
const MALLORY = 'arn:aws:iam::111122223333:user/mallory';

/** mallory assumes a role; the session's temporary key then floods a key with data-key requests. */
const EVENTS = [
  kmsEvent({
    eventID: 'assume', eventTime: '2026-11-21T02:00:00Z', eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole',
    userIdentity: { type: 'IAMUser', arn: MALLORY, accountId: '111122223333', accessKeyId: 'AKIAMALLORY000000001' },
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/ops', roleSessionName: 'mallory-session' },
    responseElements: { credentials: { accessKeyId: 'ASIASESSION000000001' }, assumedRoleUser: { arn: SESSION } }, resources: [],
  }),
  ...Array.from({ length: 40 }, (_, index) => kmsEvent({
    eventID: `flood-${index}`, eventName: 'GenerateDataKey', eventTime: `2026-11-21T02:${String(10 + Math.floor(index / 4)).padStart(2, '0')}:${String((index % 4) * 15).padStart(2, '0')}Z`,
    userIdentity: { type: 'AssumedRole', arn: SESSION, accountId: '111122223333', accessKeyId: 'ASIASESSION000000001', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/ops' } } },
    requestParameters: { keyId: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555', encryptionContext: { customerId: 'cust-1' } },
  })),
];

describe('the incident report', () => {
  let scratch: Scratch;
  let report: IncidentReport;
  let db: IndexDb;
  beforeAll(async () => {
    scratch = makeScratch('keytrail-report-');
    scratch.write('logs.json', recordsFile(EVENTS));
    ({ db } = await scratch.index());
    markFinding(db, { kind: 'filter', reference: 'event:GenerateDataKey' }, 'the flood', DEFAULT_SOURCES);
    markFinding(db, { kind: 'event', reference: 'flood-0' }, 'first data key', DEFAULT_SOURCES);
    report = buildIncidentReport(db, { logDirectory: 'logs' });
  });
  afterAll(() => scratch.cleanup());

  it('says when the evidence file holds only the newest events of a filter finding', () => {
    const capped = buildIncident(db, { logDirectory: 'logs', evidenceFile: 'note.md.evidence.jsonl', filterEventsCap: 10 });
    expect(capped.report.evidence.partial).toEqual([{ finding: 1, inFile: 10, total: 40 }]);
    expect(capped.evidence.filter((record) => record.findings.includes(1))).toHaveLength(10);
    expect(renderMarkdown(capped.report)).toContain('Not every one: finding 1 matches 40 events, of which it holds the newest 10');
    expect(report.evidence.partial).toEqual([]);
  });

  it('names the principal behind a session through its chain root', () => {
    expect(report.summary.actors).toEqual([{ value: SESSION, count: 40, root: MALLORY, outsideAccount: null }]);
  });

  it('collapses a run of the same call into one moment with its count, window and a sample event', () => {
    expect(report.timeline).toMatchObject([{ count: 40, eventName: 'GenerateDataKey', from: '2026-11-21T02:10:00Z', to: '2026-11-21T02:19:45Z', sampleEvent: 'flood-0' }]);
  });

  it('states whose data from the encryption context, and lists the indicators', () => {
    expect(report.summary.contexts).toEqual([{ value: 'customerId=cust-1', count: 40 }]);
    expect(report.indicators).toMatchObject({ accessKeyIds: ['ASIASESSION000000001'], principals: [SESSION], ips: ['198.51.100.7'] });
    // A temporary key expires on its own: nothing to deactivate.
    expect(report.open).toEqual([]);
  });
});
