import { afterEach, describe, expect, it } from 'vitest';
import { defaultDetectionConfig } from '../../../src/core/detect/config.js';
import { runDetections } from '../../../src/core/detect/engine.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import { facetCounts } from '../../../src/core/query/facets.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { FILTER_FIELDS } from '../../../src/core/query/filter-fields.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

async function indexed(files: Record<string, unknown[]>): Promise<IndexDb> {
  scratch = makeScratch('keytrail-answers-');
  for (const [name, events] of Object.entries(files)) scratch.write(name, recordsFile(events));
  return (await scratch.index()).db;
}

const rows = (db: IndexDb, filter: string) => [...iterateEvents(db, compileFilter(db, filter))];
const errorsOf = (db: IndexDb, filter: string) => compileFilter(db, filter).errors.map((error) => error.message);
const KEY = (region: string, account: string, id: string) => `arn:aws:kms:${region}:${account}:key/${id}`;
const ID_A = '11111111-aaaa-4aaa-8aaa-111111111111';
const ID_B = '22222222-bbbb-4bbb-8bbb-222222222222';

describe('one event per delivered record content', () => {
  it('keeps records that share an eventID but differ in errorCode, parameters or additionalEventData', async () => {
    const base = kmsEvent({ eventID: 'shared' });
    const db = await indexed({
      'a.json': [base],
      'b.json': [{ ...base, errorCode: 'AccessDeniedException' }, { ...base, requestParameters: { keyId: ID_A, grantTokens: ['t'] } },
        { ...base, additionalEventData: { note: 'other' } }],
    });
    const shared = rows(db, 'id:shared');
    expect(shared).toHaveLength(4);
    expect(new Set(shared.map((row) => row.uid)).size).toBe(4);
    expect(shared.filter((row) => row.uid === 'shared')).toHaveLength(1);
    expect(rows(db, 'id:shared error:AccessDeniedException')).toHaveLength(1);
  });

  it('keeps one event, with both files, for a record an org trail re-delivers with another key order and spacing', async () => {
    const record = kmsEvent({ eventID: 'twice' });
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    scratch = makeScratch('keytrail-answers-');
    scratch.write('account/a.json', recordsFile([record]));
    scratch.write('org/a.json', JSON.stringify({ Records: [reordered] }, null, 2));
    const { db, report } = await scratch.index();
    expect(report.events).toBe(1);
    expect(report.duplicates).toBe(1);
    expect(rows(db, 'id:twice')[0]?.files.sort()).toEqual(['account/a.json', 'org/a.json']);
    // Case does not count, as in every other field: all capitals, or a mixed-case eventID typed in lower case.
    expect(rows(db, 'id:TWICE').map((row) => row.uid)).toEqual(['twice']);
  });
});

describe('time bounds', () => {
  it('an event without a time is before every until:, and a hit of such an event still shows it', async () => {
    const untimed: Record<string, unknown> = kmsEvent({ eventID: 'untimed', eventName: 'ScheduleKeyDeletion', requestParameters: { keyId: ID_A, pendingWindowInDays: 7 } });
    delete untimed.eventTime;
    const db = await indexed({ 'a.json': [kmsEvent({ eventID: 'timed' }), untimed] });
    expect(rows(db, 'until:2020-01-01').map((row) => row.uid)).toEqual(['untimed']);
    // With a since: bound, the untimed event cannot match: the span of the index is said again.
    expect(compileFilter(db, 'since:2019-01-01 until:2020-01-01').notes?.[0]?.message).toMatch(/^no event before 2020-01-02T00:00:00Z: the oldest indexed event is at/);
    runDetections(db, defaultDetectionConfig());
    const hit = listHits(db, { rules: ['key-deletion'], withEvents: true }).find((found) => found.eventIDs.includes('untimed'));
    expect(hit).toBeDefined();
    expect(rows(db, `hit:${hit!.id}`).map((row) => row.uid)).toEqual(['untimed']);
  });
});

describe('id:', () => {
  it('finds a mixed-case eventID whatever the case typed, and only the exact one when two differ only in case', async () => {
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb' }),
      kmsEvent({ eventID: 'Twin', errorCode: 'AccessDenied' }), kmsEvent({ eventID: 'TWIN' }),
    ] });
    expect(rows(db, 'id:a1b2c3d4-5678-90ab-cdef-examplebbbbb').map((row) => row.eventID)).toEqual(['a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb']);
    expect(rows(db, 'id:TWIN').map((row) => row.eventID)).toEqual(['TWIN']);
    expect(rows(db, 'id:twin').map((row) => row.eventID).sort()).toEqual(['TWIN', 'Twin']);
  });
});

describe('a record named by eventID~fingerprint', () => {
  it('is the same record in an index built from the files in another order', async () => {
    const first = kmsEvent({ eventID: 'reused' });
    const second = { ...first, errorCode: 'AccessDeniedException' };
    const db = await indexed({ '1.json': [first], '2.json': [second] });
    const variant = rows(db, 'id:reused error:AccessDeniedException')[0]!.uid;
    expect(variant).toMatch(/^reused~[0-9a-f]{8}$/);
    scratch.cleanup();
    const rebuilt = await indexed({ '1.json': [second], '2.json': [first] });
    expect(rows(rebuilt, `id:${variant}`).map((row) => row.errorCode)).toEqual(['AccessDeniedException']);
    expect(rows(rebuilt, 'id:reused')).toHaveLength(2);
  });
});

describe('an eventID that holds ~ itself', () => {
  it('is one event however often it is delivered, shown and found by its whole eventID, and tells its variants apart', async () => {
    // Shaped like a variant's uid on purpose: `~` and eight hex digits.
    const record = kmsEvent({ eventID: 'evt~deadbeef' });
    scratch = makeScratch('keytrail-answers-');
    scratch.write('account/a.json', recordsFile([record]));
    scratch.write('org/a.json', recordsFile([record]));
    scratch.write('other/b.json', recordsFile([{ ...record, errorCode: 'AccessDeniedException' }, kmsEvent({ eventID: 'evt' })]));
    const { db, report } = await scratch.index();
    expect([report.events, report.duplicates]).toEqual([3, 1]);
    const found = rows(db, 'id:evt~deadbeef');
    expect(found.map((row) => row.eventID)).toEqual(['evt~deadbeef', 'evt~deadbeef']);
    expect(found.find((row) => row.errorCode === null)!.files.sort()).toEqual(['account/a.json', 'org/a.json']);
    const variant = found.find((row) => row.errorCode === 'AccessDeniedException')!;
    expect(variant.uid).toMatch(/^evt~deadbeef~[0-9a-f]{8}$/);
    expect(rows(db, `id:${variant.uid}`).map((row) => row.errorCode)).toEqual(['AccessDeniedException']);
    // `evt` is another eventID, not a part of this one.
    expect(rows(db, 'id:evt').map((row) => row.eventID)).toEqual(['evt']);
  });
});

describe('who made the call', () => {
  const ACCOUNT = '111122223333';
  const session = (arn: string, issuer: Record<string, unknown>) => ({
    type: arn.includes(':federated-user/') ? 'FederatedUser' : 'AssumedRole', arn, accountId: ACCOUNT,
    sessionContext: { sessionIssuer: { accountId: ACCOUNT, ...issuer }, attributes: { creationDate: '2026-11-20T09:00:00Z', mfaAuthenticated: 'false' } },
  });

  it('a federated user\'s session has no role: its issuer is the IAM user that asked for it', async () => {
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'federated', userIdentity: session(`arn:aws:sts::${ACCOUNT}:federated-user/bob`, { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, userName: 'bob' }) }),
      kmsEvent({ eventID: 'assumed', userIdentity: session(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/carol`, { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/Admin`, userName: 'Admin' }) }),
    ] });
    expect(rows(db, 'role:*').map((row) => [row.uid, row.role])).toEqual([['assumed', `arn:aws:iam::${ACCOUNT}:role/Admin`]]);
    expect(rows(db, 'role:bob')).toEqual([]);
    expect(facetCounts(db, compileFilter(db, ''), 'role', 10).map((facet) => facet.value)).toEqual([`arn:aws:iam::${ACCOUNT}:role/Admin`]);
  });

  it('a role session from the console is a person: the record\'s own sessionCredentialFromConsole says so', async () => {
    const carol = session(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/carol`, { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/Admin` });
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'console', userIdentity: carol, sessionCredentialFromConsole: 'true', userAgent: 'Mozilla/5.0' }),
      kmsEvent({ eventID: 'script', userIdentity: carol }),
    ] });
    expect(rows(db, 'actor:human').map((row) => row.uid)).toEqual(['console']);
    expect(rows(db, 'actor:workload').map((row) => row.uid)).toEqual(['script']);
  });
});

describe('record kinds', () => {
  const denial = kmsEvent({
    eventID: 'vpce', eventType: 'AwsVpceEvent', eventCategory: 'NetworkActivity', errorCode: 'VpceAccessDenied', requestParameters: null,
    vpcEndpointId: 'vpce-0123456789abcdef0',
  });

  it('shows a VPC endpoint network-activity record as such and filters on it', async () => {
    const db = await indexed({ 'a.json': [denial, kmsEvent({ eventID: 'call' })] });
    expect(rows(db, 'kind:network-activity').map((row) => [row.uid, row.kind])).toEqual([['vpce', 'network-activity']]);
    expect(rows(db, 'kind:api-call').map((row) => row.uid)).toEqual(['call']);
    expect(rows(db, 'event:Decrypt -kind:network-activity').map((row) => row.uid)).toEqual(['call']);
    expect(errorsOf(db, 'kind:network')[0]).toMatch(/"network" is not a record kind \(api-call, .*network-activity/);
    expect(FILTER_FIELDS.find((field) => field.name === 'kind')?.example).toBe('kind:network-activity');
  });
});

describe('ip:', () => {
  it('matches IPv4-mapped IPv6 addresses by the IPv4 address and range, and rejects what is not an address', async () => {
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'mapped', sourceIPAddress: '::ffff:203.0.113.7' }),
      kmsEvent({ eventID: 'plain', sourceIPAddress: '203.0.113.9' }),
      kmsEvent({ eventID: 'other', sourceIPAddress: '198.51.100.7' }),
      kmsEvent({ eventID: 'service', sourceIPAddress: 'kms.amazonaws.com' }),
    ] });
    expect(rows(db, 'ip:203.0.113.0/24').map((row) => row.uid).sort()).toEqual(['mapped', 'plain']);
    expect(rows(db, 'ip:203.0.113.7').map((row) => row.uid)).toEqual(['mapped']);
    expect(rows(db, 'ip:kms.amazonaws.com').map((row) => row.uid)).toEqual(['service']);
    expect(errorsOf(db, 'ip:010.1.2.3')[0]).toMatch(/"010.1.2.3" is not an IP address or range/);
    expect(errorsOf(db, 'ip:203.0.113.0/33')[0]).toMatch(/is not an IP address or range/);
  });
});

describe('principal:', () => {
  it('finds a person by name in their SSO sessions and as a user, not others whose name merely contains it', async () => {
    const sso = (session: string) => ({
      type: 'AssumedRole', arn: `arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/${session}`, accountId: '111122223333',
    });
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'sso', userIdentity: sso('bob@example.com') }),
      kmsEvent({ eventID: 'user', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333' } }),
      kmsEvent({ eventID: 'bobby', userIdentity: sso('bobby@example.com') }),
    ] });
    expect(rows(db, 'principal:bob').map((row) => row.uid).sort()).toEqual(['sso', 'user']);
    expect(rows(db, 'principal:bob@example.com').map((row) => row.uid)).toEqual(['sso']);
  });
});

describe('key:', () => {
  it('a call by an alias before its CreateAlias was no use of the key the alias was then created for', async () => {
    const key = KEY('us-east-1', '111122223333', ID_A);
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'too-early', eventTime: '2026-11-20T10:00:00Z', eventName: 'Encrypt', errorCode: 'NotFoundException', requestParameters: { keyId: 'alias/prod' }, resources: undefined }),
      kmsEvent({ eventID: 'create', eventTime: '2026-11-20T11:00:00Z', eventName: 'CreateAlias', requestParameters: { aliasName: 'alias/prod', targetKeyId: ID_A }, resources: [{ ARN: key }] }),
      kmsEvent({ eventID: 'after', eventTime: '2026-11-20T12:00:00Z', eventName: 'Encrypt', errorCode: 'AccessDeniedException', requestParameters: { keyId: 'alias/prod' }, resources: undefined }),
    ] });
    expect(rows(db, `key:${key}`).map((row) => row.uid).sort()).toEqual(['after', 'create']);
    expect(rows(db, 'id:too-early')[0]!.key).toBe('alias/prod');
  });

  it.each([['without resources', undefined], ['with its source key in resources', [{ ARN: KEY('us-east-1', '111122223333', ID_A) }]]])('a refused ReEncrypt that shows one of its two keys (%s) ties no alias to it', async (_, resources) => {
    const source = KEY('us-east-1', '111122223333', ID_A);
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'reencrypt', eventName: 'ReEncrypt', errorCode: 'AccessDeniedException', resources,
        requestParameters: { sourceKeyId: source, destinationKeyId: 'alias/dest' } }),
      kmsEvent({ eventID: 'by-dest', eventTime: '2026-11-20T11:00:00Z', eventName: 'Encrypt', errorCode: 'AccessDeniedException', resources: undefined,
        requestParameters: { keyId: 'alias/dest' } }),
    ] });
    expect(rows(db, `key:${source}`).map((row) => row.uid)).toEqual(['reencrypt']);
    expect(rows(db, 'key:alias/dest').map((row) => row.uid)).toEqual(['by-dest']);
  });

  it('a ReEncrypt under one key that its resources[] show ties the alias it was named by to that key', async () => {
    const key = KEY('us-east-1', '111122223333', ID_A);
    const db = await indexed({ 'a.json': [
      kmsEvent({ eventID: 'reencrypt', eventName: 'ReEncrypt', resources: [{ ARN: key }], requestParameters: { sourceKeyId: 'alias/same', destinationKeyId: key } }),
      kmsEvent({ eventID: 'by-alias', eventTime: '2026-11-20T11:00:00Z', eventName: 'Encrypt', errorCode: 'AccessDeniedException', resources: undefined,
        requestParameters: { keyId: 'alias/same' } }),
    ] });
    expect(rows(db, `key:${key}`).map((row) => row.uid).sort()).toEqual(['by-alias', 'reencrypt']);
  });

  it('resolves one alias name per region, and an alias-only call by the alias of its own region', async () => {
    const usWest = KEY('us-west-2', '111122223333', ID_A);
    const euWest = KEY('eu-west-1', '111122223333', ID_B);
    const call = (id: string, time: string, region: string, keyId: string, resource?: string) => kmsEvent({
      eventID: id, eventTime: time, awsRegion: region, requestParameters: { keyId }, resources: resource ? [{ ARN: resource }] : undefined,
    });
    const db = await indexed({ 'a.json': [
      call('us', '2026-11-20T10:00:00Z', 'us-west-2', 'alias/app-data', usWest),
      call('eu', '2026-11-20T10:00:00Z', 'eu-west-1', 'alias/app-data', euWest),
      call('eu-by-alias-only', '2026-11-20T11:00:00Z', 'eu-west-1', 'alias/app-data'),
    ] });
    expect(rows(db, 'key:arn:aws:kms:eu-west-1:111122223333:alias/app-data').map((row) => row.uid).sort()).toEqual(['eu', 'eu-by-alias-only']);
    expect(rows(db, `key:${usWest}`).map((row) => row.uid)).toEqual(['us']);
    expect(rows(db, `key:${euWest}`).map((row) => row.uid).sort()).toEqual(['eu', 'eu-by-alias-only']);
    expect(rows(db, 'key:alias/app-data')).toHaveLength(3);
    const facet = facetCounts(db, compileFilter(db, 'key:alias/app-data'), 'key');
    expect(facet.map((value) => [value.value, value.count])).toEqual([[euWest, 2], [usWest, 1]]);
  });
});
