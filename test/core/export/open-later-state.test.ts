import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentReport } from '../../../src/core/export/build-report.js';
import { renderMarkdown } from '../../../src/core/export/render-markdown.js';
import type { IncidentReport } from '../../../src/core/export/report.js';
import { markFinding } from '../../../src/core/findings/mark.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/cccccccc-1111-2222-3333-444444444444';
const MALLORY = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333', accessKeyId: 'AKIAMALLORY000000009' };
const ADMIN = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/admin', accountId: '111122223333', accessKeyId: 'AKIAADMIN00000000009' };

function call(eventID: string, minute: number, eventName: string, userIdentity: object, requestParameters: object, eventSource = 'kms.amazonaws.com') {
  return kmsEvent({
    eventID, eventName, eventSource, userIdentity, eventTime: `2026-11-21T04:${String(minute).padStart(2, '0')}:00Z`, awsRegion: 'eu-west-1', requestParameters,
    resources: eventSource === 'kms.amazonaws.com' ? [{ ARN: KEY, accountId: '111122223333', type: 'AWS::KMS::Key' }] : [], readOnly: false,
  });
}

/** A `"*"` that only the organization's principals match: not "anyone". */
const ORG_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{
  Sid: 'Org', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
}] });

/** Each change is taken back by the admin and then made again: the last call says what stands. */
const EVENTS = [
  call('rotation-off', 0, 'DisableKeyRotation', MALLORY, { keyId: KEY }),
  call('rotation-on', 5, 'EnableKeyRotation', ADMIN, { keyId: KEY }),
  call('rotation-off-again', 6, 'DisableKeyRotation', ADMIN, { keyId: KEY }),
  call('key-off', 10, 'UpdateAccessKey', ADMIN, { accessKeyId: MALLORY.accessKeyId, status: 'Inactive' }, 'iam.amazonaws.com'),
  call('key-on', 11, 'UpdateAccessKey', ADMIN, { accessKeyId: MALLORY.accessKeyId, status: 'Active' }, 'iam.amazonaws.com'),
  call('org-policy', 20, 'PutKeyPolicy', MALLORY, { keyId: KEY, policyName: 'default', policy: ORG_POLICY }),
];

describe('still open: the state at the end of the logs, not the first call that undid it', () => {
  let scratch: Scratch;
  let report: IncidentReport;
  beforeAll(async () => {
    scratch = makeScratch('keytrail-open-later-');
    scratch.write('logs.json', recordsFile(EVENTS));
    const { db } = await scratch.index();
    for (const id of ['rotation-off', 'org-policy']) markFinding(db, { kind: 'event', reference: id }, id, DEFAULT_SOURCES, Date.UTC(2026, 10, 21, 9));
    report = buildIncidentReport(db, { logDirectory: 'logs', now: Date.UTC(2026, 10, 21, 10) });
  });
  afterAll(() => scratch.cleanup());

  it('keeps rotation open when it was turned back on and off again', () => {
    expect(report.open.filter((item) => item.kind === 'rotation').map((item) => item.event)).toEqual(['rotation-off']);
    expect(report.closed.filter((item) => item.kind === 'rotation')).toEqual([]);
  });

  it('keeps an access key open when it was set Inactive and then Active again', () => {
    expect(report.open.find((item) => item.kind === 'access-key')).toMatchObject({ subject: MALLORY.accessKeyId });
    expect(report.closed.filter((item) => item.kind === 'access-key')).toEqual([]);
  });

  it('tells a "*" bounded by the organization with its bound, never as anyone', () => {
    const policy = report.open.find((item) => item.kind === 'policy');
    expect(policy?.facts).toEqual([{ label: 'lets in', value: '*, limited to principals of organization o-abc123' }]);
  });
});

describe('an access key and a grant used more than the lookups read at once', () => {
  const USES = 10_050;
  let scratch: Scratch;
  let report: IncidentReport;
  beforeAll(async () => {
    scratch = makeScratch('keytrail-open-uses-');
    // Each use is made under the grant (its id in additionalEventData); the admin revokes it after the last.
    const uses = Array.from({ length: USES }, (_, index) => kmsEvent({
      eventID: `use-${index}`, eventName: 'Decrypt', userIdentity: MALLORY, awsRegion: 'eu-west-1', additionalEventData: { grantId: 'g-busy' },
      eventTime: new Date(Date.UTC(2026, 10, 21, 0, 0, index)).toISOString().replace('.000Z', 'Z'),
    }));
    const grant = { ...call('grant-busy', 0, 'CreateGrant', MALLORY, { keyId: KEY, granteePrincipal: 'arn:aws:iam::999988887777:role/x', operations: ['Decrypt'] }), responseElements: { grantId: 'g-busy' } };
    const revoke = { ...call('revoke-busy', 0, 'RevokeGrant', ADMIN, { keyId: KEY, grantId: 'g-busy' }), eventTime: '2026-11-21T12:00:00Z' };
    scratch.write('logs.json', recordsFile([{ ...grant, eventTime: '2026-11-20T23:00:00Z' }, ...uses, revoke]));
    const { db } = await scratch.index();
    for (const id of ['use-0', 'grant-busy']) markFinding(db, { kind: 'event', reference: id }, id, DEFAULT_SOURCES, Date.UTC(2026, 10, 21, 9));
    report = buildIncidentReport(db, { logDirectory: 'logs', now: Date.UTC(2026, 10, 21, 10) });
  }, 60_000);
  afterAll(() => scratch.cleanup());

  it('gives its last use at the end of the logs', () => {
    const last = new Date(Date.UTC(2026, 10, 21, 0, 0, USES - 1)).toISOString().replace('.000Z', 'Z');
    expect(report.open.find((item) => item.kind === 'access-key')?.facts).toEqual([{ label: 'last used', value: last }]);
  });

  it('finds the grant\'s revocation after its thousands of uses', () => {
    expect(report.open.filter((item) => item.kind === 'grant')).toEqual([]);
    expect(report.closed.filter((item) => item.kind === 'grant').map((item) => item.closedEvent)).toEqual(['revoke-busy']);
  });
});

describe('changes the actors made after the marked events', () => {
  const ALICE = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
  const OUTSIDE_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{
    Sid: 'Out', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'kms:*', Resource: '*',
  }] });
  const at = (event: Record<string, unknown>, time: string) => ({ ...event, eventTime: time });
  let scratch: Scratch;
  let report: IncidentReport;
  let note: string;
  beforeAll(async () => {
    scratch = makeScratch('keytrail-open-beyond-');
    scratch.write('logs.json', recordsFile([
      at(call('before', 0, 'DisableKeyRotation', MALLORY, { keyId: KEY }), '2026-11-21T01:00:00Z'),
      at(call('marked', 0, 'Decrypt', MALLORY, { keyId: KEY }), '2026-11-21T04:00:00Z'),
      { ...at(call('grant-later', 0, 'CreateGrant', MALLORY, { keyId: KEY, granteePrincipal: 'arn:aws:iam::999988887777:role/x', operations: ['Decrypt'] }),
        '2026-11-21T05:00:00Z'), responseElements: { grantId: 'g-later' } },
      at(call('other-actor', 0, 'DisableKey', ALICE, { keyId: KEY }), '2026-11-21T05:30:00Z'),
      // Hours after the marked call, past any window the findings make.
      at(call('policy-later', 0, 'PutKeyPolicy', MALLORY, { keyId: KEY, policyName: 'default', policy: OUTSIDE_POLICY }), '2026-11-21T09:00:00Z'),
      at(call('revoke-later', 0, 'RevokeGrant', ADMIN, { keyId: KEY, grantId: 'g-later' }), '2026-11-21T10:00:00Z'),
    ]));
    const { db } = await scratch.index();
    markFinding(db, { kind: 'event', reference: 'marked' }, 'marked', DEFAULT_SOURCES, Date.UTC(2026, 10, 21, 11));
    report = buildIncidentReport(db, { logDirectory: 'logs', now: Date.UTC(2026, 10, 21, 12) });
    note = renderMarkdown(report);
    // The same, with every call of mallory's also marked as a filter: context, outside the attack's window.
    markFinding(db, { kind: 'filter', reference: 'principal:mallory' }, 'all of mallory', DEFAULT_SOURCES, Date.UTC(2026, 10, 21, 11));
    withContext = buildIncidentReport(db, { logDirectory: 'logs', now: Date.UTC(2026, 10, 21, 12) });
  });
  let withContext: IncidentReport;

  it('still counts the later policy when a broader finding holds it as context, told as held by a finding', () => {
    expect(withContext.open.filter((item) => item.kind === 'policy').map((item) => [item.event, item.inFindings])).toEqual([['policy-later', true]]);
  });
  afterAll(() => scratch.cleanup());

  it('counts a later policy that lets another account in as still open, saying no finding holds it', () => {
    expect(report.open.filter((item) => item.kind !== 'access-key').map((item) => [item.kind, item.event, item.inFindings]))
      .toEqual([['policy', 'policy-later', false]]);
    expect(note).toContain('in no finding');
    expect(note).not.toContain('nothing left open');
  });

  it('tells a later grant that was revoked as closed, and leaves out calls before the attack and other principals\' calls', () => {
    expect(report.closed.map((item) => [item.kind, item.event, item.closedEvent, item.inFindings])).toEqual([['grant', 'grant-later', 'revoke-later', false]]);
    const events = [...report.open, ...report.closed].map((item) => item.event);
    expect(events).not.toContain('before');
    expect(events).not.toContain('other-actor');
  });
});
