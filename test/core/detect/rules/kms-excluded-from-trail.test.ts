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
