import { execFileSync } from 'node:child_process';
import MarkdownIt from 'markdown-it';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentReport } from '../../../src/core/export/build-report.js';
import { NOTE_DETAILS } from '../../../src/core/export/note-budget.js';
import { renderOpen } from '../../../src/core/export/render-open.js';
import type { IncidentReport } from '../../../src/core/export/report.js';
import { markFinding } from '../../../src/core/findings/mark.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

const GOLDEN = join(import.meta.dirname, 'golden', 'open-items.md');
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/aaaaaaaa-1111-2222-3333-444444444444';
const OTHER_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/bbbbbbbb-1111-2222-3333-444444444444';
/** A grant id is log text like any other: the command must carry it as one word, never run it. */
const GRANT_ID = "g-0123'$(touch /tmp/pwned)`id`";
const MALLORY = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ops/mallory', accountId: '111122223333', accessKeyId: 'AKIAMALLORY000000001' };
const ADMIN = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/admin', accountId: '111122223333', accessKeyId: 'AKIAADMIN00000000001' };

function policy(outsideAccount: string | null): string {
  const own = { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
  const outside = { Sid: 'Allow partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${outsideAccount}:root` }, Action: 'kms:Decrypt', Resource: '*' };
  return JSON.stringify({ Version: '2012-10-17', Statement: outsideAccount ? [own, outside] : [own] });
}

function call(eventID: string, minute: number, eventName: string, userIdentity: object, key: string, extra: Record<string, unknown> = {}) {
  return kmsEvent({
    eventID, eventName, userIdentity, eventTime: `2026-11-21T03:${String(minute).padStart(2, '0')}:00Z`, awsRegion: 'eu-west-1',
    requestParameters: { keyId: key, ...extra }, resources: [{ ARN: key, accountId: '111122223333', type: 'AWS::KMS::Key' }], readOnly: false,
  });
}

/** Everything the open-items section knows about: one change of each kind; a DisableKey and a second grant taken back. */
const EVENTS = [
  call('admin-policy', 0, 'PutKeyPolicy', ADMIN, KEY, { policyName: 'default', policy: policy(null) }),
  call('open-policy', 10, 'PutKeyPolicy', MALLORY, KEY, { policyName: 'default', policy: policy('999988887777') }),
  { ...call('grant', 11, 'CreateGrant', MALLORY, KEY, { granteePrincipal: 'arn:aws:iam::999988887777:role/exfil', operations: ['Decrypt'] }), responseElements: { grantId: GRANT_ID } },
  call('rotation-off', 12, 'DisableKeyRotation', MALLORY, KEY),
  call('schedule-deletion', 13, 'ScheduleKeyDeletion', MALLORY, OTHER_KEY, { pendingWindowInDays: 7 }),
  call('disable', 14, 'DisableKey', MALLORY, OTHER_KEY),
  call('enable', 40, 'EnableKey', ADMIN, OTHER_KEY),
  { ...call('grant-2', 15, 'CreateGrant', MALLORY, OTHER_KEY, { granteePrincipal: 'arn:aws:iam::999988887777:role/exfil', operations: ['Decrypt'] }), responseElements: { grantId: 'g-retired' } },
  call('revoke', 41, 'RevokeGrant', ADMIN, OTHER_KEY, { grantId: 'g-retired' }),
  call('later-use', 50, 'Decrypt', MALLORY, KEY),
];
const MARKED = ['open-policy', 'grant', 'rotation-off', 'schedule-deletion', 'disable', 'grant-2'];

describe('still open, and how to close it', () => {
  let scratch: Scratch;
  let report: IncidentReport;
  beforeAll(async () => {
    scratch = makeScratch('keytrail-open-');
    scratch.write('logs.json', recordsFile(EVENTS));
    const { db } = await scratch.index();
    for (const id of MARKED) markFinding(db, { kind: 'event', reference: id }, `mallory: ${id}`, DEFAULT_SOURCES, Date.UTC(2026, 10, 21, 9));
    report = buildIncidentReport(db, { logDirectory: 'logs', now: Date.UTC(2026, 10, 21, 10) });
  });
  afterAll(() => scratch.cleanup());

  it('matches the golden section: grant, policy with the one before it, rotation, deletion, access key (UPDATE_GOLDEN=1 rewrites it)', () => {
    const section = `${renderOpen(report, NOTE_DETAILS[0]!)}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, section);
    expect(section).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('lists each open change once, and what a later call took back as closed', () => {
    expect(report.open.map((item) => [item.kind, item.event])).toEqual([
      ['access-key', 'open-policy'], ['grant', 'grant'], ['policy', 'open-policy'], ['deletion', 'schedule-deletion'], ['rotation', 'rotation-off'],
    ]);
    expect(report.open.find((item) => item.kind === 'access-key')!.facts).toEqual([{ label: 'last used', value: '2026-11-21T03:50:00Z' }]);
    expect(report.open.find((item) => item.kind === 'policy')!.previousPolicy).toEqual({ json: policy(null), event: 'admin-policy' });
    expect(report.closed).toMatchObject([
      { kind: 'grant', event: 'grant-2', closedEvent: 'revoke', closedBy: ADMIN.arn },
      { kind: 'disabled', event: 'disable', closedEvent: 'enable', closedBy: ADMIN.arn },
    ]);
  });

  it('keeps each command and the quoted policy in its own fenced block, read by a real markdown parser', () => {
    const tokens = new MarkdownIt({ html: true, linkify: true }).parse(renderOpen(report, NOTE_DETAILS[0]!), {});
    const fences = tokens.filter((token) => token.type === 'fence');
    expect(fences.map((fence) => [fence.info, fence.content.trimEnd()])).toEqual([
      ...report.open.slice(0, 3).map((item) => ['sh', item.command]), ['json', policy(null)], ...report.open.slice(3).map((item) => ['sh', item.command]),
    ]);
    expect(tokens.filter((token) => token.type === 'ordered_list_open')).toHaveLength(1);
  });

  it('prints commands a POSIX shell reads back as exactly the logged values, nothing run', () => {
    const grant = report.open.find((item) => item.kind === 'grant')!;
    const words = execFileSync('sh', ['-c', `printf '%s\\0' ${grant.command}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(words).toEqual(['aws', 'kms', 'revoke-grant', '--key-id', KEY, '--grant-id', GRANT_ID, '--region', 'eu-west-1']);
    const accessKey = report.open.find((item) => item.kind === 'access-key')!;
    expect(accessKey.command).toBe('aws iam update-access-key --user-name mallory --access-key-id AKIAMALLORY000000001 --status Inactive');
  });
});

describe('a scheduled deletion the logs run past', () => {
  const scratches: Scratch[] = [];
  afterAll(() => scratches.forEach((scratch) => scratch.cleanup()));

  /** Mallory schedules each key's deletion in 7 days; the logs run on for 10 days after. */
  async function reportWith(events: object[], marked: string[]): Promise<IncidentReport> {
    const scratch = makeScratch('keytrail-deleted-');
    scratches.push(scratch);
    const later = { ...kmsEvent({ eventID: 'ten-days-on', eventTime: '2026-12-01T03:00:00Z', awsRegion: 'eu-west-1' }) };
    scratch.write('logs.json', recordsFile([...events, later]));
    const { db } = await scratch.index();
    for (const id of marked) markFinding(db, { kind: 'event', reference: id }, `mallory: ${id}`, DEFAULT_SOURCES, Date.UTC(2026, 11, 1, 9));
    return buildIncidentReport(db, { logDirectory: 'logs', now: Date.UTC(2026, 11, 1, 10) });
  }

  it('is told as due and never cancelled, with no command to cancel it; one cancelled in time is closed', async () => {
    const deleteKey = { ...call('kms-deleted-it', 13, 'DeleteKey', { type: 'AWSService', invokedBy: 'kms.amazonaws.com' }, OTHER_KEY), eventTime: '2026-11-28T03:13:00Z', eventType: 'AwsServiceEvent' };
    const report = await reportWith([
      call('schedule-deletion', 13, 'ScheduleKeyDeletion', MALLORY, OTHER_KEY, { pendingWindowInDays: 7 }),
      deleteKey,
      call('schedule-other', 20, 'ScheduleKeyDeletion', MALLORY, KEY, { pendingWindowInDays: 7 }),
      call('cancel-other', 30, 'CancelKeyDeletion', ADMIN, KEY),
    ], ['schedule-deletion', 'schedule-other']);
    const keyChanges = report.open.filter((item) => item.kind !== 'access-key');
    expect(keyChanges.map((item) => [item.kind, item.event, item.facts])).toEqual([
      ['deleted', 'schedule-deletion', [{ label: 'waiting period ended', value: '2026-11-28T03:13:00Z' }, { label: 'DeleteKey logged', value: 'kms-deleted-it' }]],
    ]);
    expect(keyChanges[0]!.command).not.toContain('cancel-key-deletion');
    expect(report.closed).toMatchObject([{ kind: 'deletion', event: 'schedule-other', closedEvent: 'cancel-other' }]);
    const section = renderOpen(report, NOTE_DETAILS[0]!);
    expect(section).toContain('**Deletion due, never cancelled:**');
    expect(section).not.toContain('Deletion pending');
  });

  it('is past due by its waiting period alone when the logs hold no DeleteKey', async () => {
    const report = await reportWith([call('schedule-deletion', 13, 'ScheduleKeyDeletion', MALLORY, OTHER_KEY, { pendingWindowInDays: 7 })], ['schedule-deletion']);
    expect(report.open.filter((item) => item.kind !== 'access-key').map((item) => [item.kind, item.facts])).toEqual([['deleted', [{ label: 'waiting period ended', value: '2026-11-28T03:13:00Z' }]]]);
  });
});
