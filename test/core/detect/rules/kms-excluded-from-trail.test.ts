import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, T0, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;
const trailCall = (name: string, request: Record<string, unknown>, offset = 0) =>
  event({ name, time: at + offset, identity: user('mallory'), source: 'cloudtrail.amazonaws.com', keyArn: null, request: { trailName: 'prod-audit', ...request } });

async function judge(...calls: Record<string, unknown>[]) {
  index = await buildIndex({ 'base.jsonl': background(), 'trail.jsonl': calls });
  runDetections(index.db, config());
  return hitsOf(index.db, 'kms-excluded-from-trail').map((hit) => [hit.severity, hit.title]);
}

describe('kms-excluded-from-trail', () => {
  it('is high for event selectors that exclude kms.amazonaws.com, or drop management events', async () => {
    expect(await judge(trailCall('PutEventSelectors', { eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'] }] })))
      .toEqual([['high', 'KMS excluded from a trail']]);
  });

  it('reads the real Stratus Red Team detonation (management events off) as KMS excluded', async () => {
    const corpus = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/stratus-cloudtrail-event-selectors.json'), 'utf8')) as Array<Record<string, unknown>>;
    const detonation = corpus.filter((item) => item.eventName === 'PutEventSelectors');
    index = await buildIndex({ 'base.jsonl': background(), 'stratus.jsonl': detonation });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'kms-excluded-from-trail').map((hit) => hit.severity)).toEqual(detonation.map(() => 'high'));
  });

  it('is high for advanced selectors with eventSource notEquals kms, and for StopLogging and DeleteTrail', async () => {
    const advanced = trailCall('PutEventSelectors', { advancedEventSelectors: [{ name: 'no kms', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }] }] });
    const result = await judge(advanced, trailCall('StopLogging', {}, 1000), trailCall('DeleteTrail', { name: 'prod-audit' }, 2000));
    expect(result).toEqual([['high', 'Trail deleted'], ['high', 'Trail logging stopped'], ['high', 'KMS excluded from a trail']]);
  });

  it('is medium when the trail\'s KMS key changes, and nothing above info for selectors that keep KMS', async () => {
    const keep = trailCall('PutEventSelectors', { eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: ['rdsdata.amazonaws.com'] }] });
    const rekey = trailCall('UpdateTrail', { name: 'prod-audit', kmsKeyId: 'arn:aws:kms:us-east-1:999988887777:key/attacker' }, 1000);
    expect(await judge(keep, rekey)).toEqual([['medium', "Trail's KMS key changed"], ['info', 'Trail event selectors changed']]);
  });
});

describe('kms-excluded-from-trail: UpdateTrail against the trail\'s known settings', () => {
  const LOG_KEY = 'arn:aws:kms:us-east-1:111122223333:key/5555aaaa-55aa-55aa-55aa-5555aaaa5555';
  const trailArn = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/prod-audit';
  const created = event({ name: 'CreateTrail', time: at - DAY, identity: user('alice'), source: 'cloudtrail.amazonaws.com', keyArn: null,
    request: { name: 'prod-audit', s3BucketName: 'prod-audit-logs', kmsKeyId: LOG_KEY, isMultiRegionTrail: true },
    response: { name: 'prod-audit', s3BucketName: 'prod-audit-logs', kmsKeyId: LOG_KEY, trailARN: trailArn, isMultiRegionTrail: true } });
  /** The console sends every field of the form again, changed or not. */
  const consoleUpdate = (request: Record<string, unknown>, response: Record<string, unknown>) => event({
    name: 'UpdateTrail', time: at, identity: { ...user('alice'), invokedBy: 'signin.amazonaws.com' }, source: 'cloudtrail.amazonaws.com', keyArn: null,
    ip: 'AWS Internal', request: { name: trailArn, includeGlobalServiceEvents: true, isMultiRegionTrail: true, enableLogFileValidation: true, ...request },
    response: { name: 'prod-audit', trailARN: trailArn, ...response },
  });

  async function updateHits(...calls: Record<string, unknown>[]) {
    index = await buildIndex({ 'base.jsonl': background(), 'trail.jsonl': calls });
    runDetections(index.db, config());
    return hitsOf(index.db, 'kms-excluded-from-trail');
  }

  it('does not call a console update that re-sends the same bucket and key a move', async () => {
    const update = consoleUpdate({ s3BucketName: 'prod-audit-logs', kmsKeyId: LOG_KEY }, { s3BucketName: 'prod-audit-logs', kmsKeyId: LOG_KEY });
    const [hit] = await updateHits(created, update);
    expect(hit).toMatchObject({ severity: 'low', title: 'Trail updated' });
    expect(hit!.reason).toBe(`user/alice updated the settings of ${trailArn}; the bucket prod-audit-logs and KMS key ${LOG_KEY} it sent are the ones the trail already had.`);
  });

  it('reports a move only to another bucket than the known one, naming both', async () => {
    const update = consoleUpdate({ s3BucketName: 'elsewhere-logs', kmsKeyId: LOG_KEY }, { s3BucketName: 'elsewhere-logs', kmsKeyId: LOG_KEY });
    const [hit] = await updateHits(created, update);
    expect(hit).toMatchObject({ severity: 'medium', title: 'Trail delivery moved' });
    expect(hit!.reason).toBe(`user/alice moved ${trailArn}'s log delivery from bucket prod-audit-logs to elsewhere-logs.`);
  });

  it('says the previous bucket is unknown when no earlier event names it', async () => {
    const [hit] = await updateHits(consoleUpdate({ s3BucketName: 'prod-audit-logs' }, { s3BucketName: 'prod-audit-logs' }));
    expect(hit!.title).toBe('Trail delivery bucket set');
    expect(hit!.reason).toBe(`user/alice set ${trailArn}'s delivery bucket to prod-audit-logs (the previous bucket is not in these logs).`);
  });

  it('reads an empty kmsKeyId as log-file encryption with KMS turned off', async () => {
    const update = trailCall('UpdateTrail', { name: 'prod-audit', kmsKeyId: '' }, 0);
    const [hit] = await updateHits(created, update);
    expect(hit).toMatchObject({ severity: 'medium', title: 'Trail log encryption with KMS turned off' });
    expect(hit!.reason).toMatch(new RegExp(`^user/mallory turned off KMS encryption of prod-audit's log files with an empty kmsKeyId \\(they were encrypted with ${LOG_KEY}\\): `));
  });
});

describe('kms-excluded-from-trail: the key an UpdateTrail names', () => {
  it('compares the key ARN of the response, so naming the same key by its alias is no change', async () => {
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/5555aaaa-55aa-55aa-55aa-5555aaaa5555';
    const described = { name: 'prod-audit', s3BucketName: 'prod-audit-logs', kmsKeyId: keyArn };
    const created = trailCall('CreateTrail', { name: 'prod-audit', s3BucketName: 'prod-audit-logs', kmsKeyId: keyArn }, -DAY);
    const byAlias = { ...trailCall('UpdateTrail', { name: 'prod-audit', kmsKeyId: 'alias/trail-logs' }), responseElements: described };
    index = await buildIndex({ 'base.jsonl': background(), 'trail.jsonl': [{ ...created, responseElements: described }, byAlias] });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'kms-excluded-from-trail').map((hit) => [hit.severity, hit.title])).toEqual([['low', 'Trail updated']]);
  });
});
