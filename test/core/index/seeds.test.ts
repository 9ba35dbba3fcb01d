import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { facetCounts } from '../../../src/core/query/facets.js';
import { copyInto, makeScratch, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

describe('the seed documents', () => {
  it('indexes seed 000: four events sharing one key ARN, blank eventSource inferred as KMS', async () => {
    scratch = makeScratch();
    copyInto(scratch, 'test/fixtures/seeds/000-ebs-flow.json', '000.json');
    const { db, report } = await scratch.index();
    expect(report.events).toBe(4);
    expect(report.rejected).toEqual([]);
    const rows = [...iterateEvents(db, compileFilter(db, ''))];
    expect(new Set(rows.map((row) => row.key))).toEqual(new Set(['arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', null]));
    const kmsCalls = rows.filter((row) => row.eventName !== 'RunInstances');
    expect(kmsCalls.map((row) => row.eventSource)).toEqual(['kms.amazonaws.com', 'kms.amazonaws.com', 'kms.amazonaws.com']);
    expect(rows.map((row) => row.eventName)).toEqual(['Decrypt', 'CreateGrant', 'GenerateDataKeyWithoutPlaintext', 'RunInstances']);
  });

  it('indexes the two good events of seed 001 and reports the third (trailing comma) with its line', async () => {
    scratch = makeScratch();
    copyInto(scratch, 'test/fixtures/seeds/001-enclave.json', '001.json');
    const { report } = await scratch.index();
    expect(report.events).toBe(2);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ file: '001.json', line: 3 });
    expect(report.rejected[0]?.reason).toMatch(/invalid JSON/);
  });

  it('finds seed 002 by its encryption context, the forensic search of the article', async () => {
    scratch = makeScratch();
    copyInto(scratch, 'test/fixtures/seeds/002-encryption-context.json', '002.json');
    const { db } = await scratch.index();
    const rows = [...iterateEvents(db, compileFilter(db, 'ctx:customerId=cust-98765'))];
    expect(rows.map((row) => [row.eventName, row.principal])).toEqual([['Encrypt', 'arn:aws:iam::123456789012:user/alice']]);
    expect([...iterateEvents(db, compileFilter(db, 'ctx:customerId=cust-00000'))]).toEqual([]);
  });

  it('counts a request id shared by RunInstances and its CreateGrant twice, in facets as in queries', async () => {
    scratch = makeScratch();
    copyInto(scratch, 'test/fixtures/seeds/000-ebs-flow.json', '000.json');
    const { db } = await scratch.index();
    const request = facetCounts(db, compileFilter(db, ''), 'request').find((facet) => facet.value === '41c4b4f7-8bce-4773-bf0e-5ae3bb5cbce2');
    expect(request?.count).toBe(2);
    expect([...iterateEvents(db, compileFilter(db, 'request:41c4b4f7-8bce-4773-bf0e-5ae3bb5cbce2'))]).toHaveLength(2);
  });

  it('finds the same seed 000 events by alias, bare key id and key ARN', async () => {
    scratch = makeScratch();
    copyInto(scratch, 'test/fixtures/seeds/000-ebs-flow.json', '000.json');
    const { db } = await scratch.index();
    const ids = (filter: string) => [...iterateEvents(db, compileFilter(db, filter))].map((row) => row.uid);
    const byArn = ids('key:arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(byArn).toHaveLength(3);
    expect(ids('key:1234abcd-12ab-34cd-56ef-1234567890ab')).toEqual(byArn);
    expect(ids('key:alias/aws/ebs')).toEqual(byArn);
  });
});

describe('instance ids in instance-profile sessions', () => {
  it('finds the AssumeRole that EC2 made for an instance profile by its instance id', async () => {
    scratch = makeScratch();
    const assumeRole = {
      eventVersion: '1.08', userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' }, eventTime: '2026-11-01T01:11:00Z',
      eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', awsRegion: 'eu-west-1', sourceIPAddress: 'ec2.amazonaws.com',
      requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/ml-training', roleSessionName: 'i-0e9636b059f7d7001' },
      responseElements: { assumedRoleUser: { arn: 'arn:aws:sts::111122223333:assumed-role/ml-training/i-0e9636b059f7d7001' } },
      requestID: 'r-assume', eventID: 'assume-1', eventType: 'AwsApiCall', recipientAccountId: '111122223333',
    };
    scratch.write('sts.json', JSON.stringify({ Records: [assumeRole] }));
    const { db } = await scratch.index();
    expect([...iterateEvents(db, compileFilter(db, 'instance:i-0e9636b059f7d7001'))].map((row) => row.uid)).toEqual(['assume-1']);
  });
});
