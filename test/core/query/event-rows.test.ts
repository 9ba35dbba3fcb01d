import { afterEach, describe, expect, it } from 'vitest';
import { openIndex } from '../../../src/core/index/open.js';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const bob = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333' };

describe('event rows as lists and exports read them', () => {
  it('a reader kept open names the rows written after its first read, with their new texts', async () => {
    scratch = makeScratch('keytrail-rows-');
    scratch.write('a.json', recordsFile([kmsEvent({ eventID: 'first', requestID: 'r-1' })]));
    await scratch.index({ final: false });
    const reader = openIndex(scratch.dbPath, { readonly: true });
    try {
      expect([...iterateEvents(reader, compileFilter(reader, ''))].map((row) => row.principal)).toEqual(['arn:aws:iam::111122223333:user/alice']);
      scratch.write('b.json', recordsFile([kmsEvent({
        eventID: 'second', requestID: 'r-2', eventTime: '2026-11-20T11:00:00Z', userIdentity: bob, eventName: 'GenerateDataKey',
        sourceIPAddress: '203.0.113.9', userAgent: 'boto3/1.35', errorCode: 'AccessDenied', errorMessage: 'not <allowed>',
      })]));
      await scratch.index({ final: false });
      const [newest, oldest] = [...iterateEvents(reader, compileFilter(reader, ''))];
      expect(newest).toMatchObject({
        eventID: 'second', principal: bob.arn, eventName: 'GenerateDataKey', sourceIPAddress: '203.0.113.9', userAgent: 'boto3/1.35',
        errorCode: 'AccessDenied', errorMessage: 'not <allowed>', requestID: 'r-2', files: ['b.json'],
      });
      expect(oldest).toMatchObject({ eventID: 'first', principal: 'arn:aws:iam::111122223333:user/alice', eventName: 'Decrypt', files: ['a.json'] });
    } finally {
      reader.close();
    }
  });
});
