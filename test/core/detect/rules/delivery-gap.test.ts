import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { buildIndex, config, event, hitsOf, HOUR, MINUTE, PROD, roleSession, T0, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const STEP = 20 * MINUTE;
const SPAN = 48 * HOUR;
const stamp = (time: number): string => new Date(time).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';

/** One CloudTrail S3 delivery file every 20 minutes for two days, except in the holes given. */
function stream(region: string, holes: Array<[number, number]>, end = T0 + SPAN): Record<string, Record<string, unknown>[]> {
  const files: Record<string, Record<string, unknown>[]> = {};
  for (let time = T0; time < end; time += STEP) {
    if (holes.some(([from, to]) => time > from && time < to)) continue;
    const day = new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
    const record = event({ name: 'UpdateInstanceInformation', time: time - 5 * MINUTE, source: 'ssm.amazonaws.com', keyArn: null, region, identity: roleSession('worker', 'i-0aaa'), ip: '10.0.0.5' });
    files[`AWSLogs/${PROD}/CloudTrail/${region}/${day}/${PROD}_CloudTrail_${region}_${stamp(time)}_f${time}.json`] = [{ Records: [record] }];
  }
  return files;
}

const holeAt = T0 + 30 * HOUR;

describe('delivery-gap', () => {
  it('reports two hours without a file from one region while another keeps delivering, with events known from other copies', async () => {
    const copy = event({ name: 'DescribeInstances', time: holeAt + HOUR, source: 'ec2.amazonaws.com', keyArn: null, region: 'us-west-2', ip: '203.0.113.66' });
    index = await buildIndex({ ...stream('us-east-1', []), ...stream('us-west-2', [[holeAt, holeAt + 2 * HOUR]]), 'exports/org-trail.jsonl': [copy] });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'delivery-gap');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'medium', title: 'Gap in log delivery', eventIDs: [copy.eventID] });
    expect(hit!.reason).toMatch(/from 111122223333 us-west-2 for 2h \(15:00 to 17:00 UTC\), while other streams delivered 5 file\(s\); its files are usually at most 20m apart\. 1 event\(s\) after its last record before the gap \(14:55 UTC\) reached us only through other copies/);
    expect(Date.parse(hit!.first)).toBeLessThanOrEqual(holeAt);
    expect(Date.parse(hit!.last)).toBeGreaterThanOrEqual(holeAt + 2 * HOUR);
  });

  it('counts as missing the events after the newest record of the last file, though before that file was delivered', async () => {
    // The last file before the hole is delivered at 15:00 and holds records up to 14:55: a call at 14:58 is in no file of the stream.
    const between = event({ name: 'DescribeInstances', time: holeAt - 2 * MINUTE, source: 'ec2.amazonaws.com', keyArn: null, region: 'us-west-2', ip: '203.0.113.66' });
    index = await buildIndex({ ...stream('us-east-1', []), ...stream('us-west-2', [[holeAt, holeAt + 2 * HOUR]]), 'exports/org-trail.jsonl': [between] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'delivery-gap');
    expect(hit!.eventIDs).toEqual([between.eventID]);
    expect(hit!.reason).toContain('1 event(s) after its last record before the gap (14:55 UTC)');
    expect(Date.parse(hit!.first)).toBe(holeAt - 5 * MINUTE);
  });

  it('reports a stream that stops while others go on as low', async () => {
    index = await buildIndex({ ...stream('us-east-1', []), ...stream('us-west-2', [], holeAt) });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'delivery-gap').map((hit) => [hit.severity, hit.title])).toEqual([['low', 'Log delivery stopped']]);
  });

  it('stays quiet for a 50-minute gap, and when every stream goes quiet together', async () => {
    index = await buildIndex({
      ...stream('us-east-1', [[holeAt + 10 * HOUR, holeAt + 13 * HOUR]]),
      ...stream('us-west-2', [[holeAt, holeAt + 50 * MINUTE], [holeAt + 10 * HOUR, holeAt + 13 * HOUR]]),
    });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'delivery-gap')).toEqual([]);
  });
});
