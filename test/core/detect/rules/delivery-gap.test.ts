import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { buildIndex, config, event, hitsOf, HOUR, MINUTE, PROD, roleSession, T0, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const STEP = 20 * MINUTE;
const SPAN = 48 * HOUR;
const stamp = (time: number): string => new Date(time).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';

/** The S3 key of a delivery (`owner`: the account, or `o-.../account` for an organization trail). */
function fileAt(region: string, time: number, owner = PROD): string {
  const day = new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
  return `AWSLogs/${owner}/CloudTrail/${region}/${day}/${PROD}_CloudTrail_${region}_${stamp(time)}_f${time}.json`;
}

const call = (time: number, region = 'us-west-2') =>
  event({ name: 'UpdateInstanceInformation', time, source: 'ssm.amazonaws.com', keyArn: null, region, identity: roleSession('worker', 'i-0aaa'), ip: '10.0.0.5' });

/** One CloudTrail S3 delivery file every 20 minutes for two days, each with a record of 5 minutes before, except in the holes given. */
function stream(region: string, holes: Array<[number, number]>, end = T0 + SPAN): Record<string, Record<string, unknown>[]> {
  const files: Record<string, Record<string, unknown>[]> = {};
  for (let time = T0; time < end; time += STEP) {
    if (holes.some(([from, to]) => time > from && time < to)) continue;
    files[fileAt(region, time)] = [{ Records: [call(time - 5 * MINUTE, region)] }];
  }
  return files;
}

const copyAt = (time: number) => event({ name: 'DescribeInstances', time, source: 'ec2.amazonaws.com', keyArn: null, region: 'us-west-2', ip: '203.0.113.66' });

const holeAt = T0 + 30 * HOUR;

describe('delivery-gap', () => {
  it('reports two hours without a file from one region while another keeps delivering, with events known from other copies', async () => {
    const copy = copyAt(holeAt + HOUR);
    index = await buildIndex({ ...stream('us-east-1', []), ...stream('us-west-2', [[holeAt, holeAt + 2 * HOUR]]), 'exports/org-trail.jsonl': [copy] });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'delivery-gap');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'medium', title: 'Gap in log delivery', eventIDs: [copy.eventID] });
    expect(hit!.reason).toMatch(/from 111122223333 us-west-2 for 2h \(15:00 to 17:00 UTC\), while other streams delivered 5 file\(s\); its files are usually at most 20m apart\. Its newest record before the gap is from 14:55 UTC; 1 event\(s\) since then reached us only through other copies/);
    expect(Date.parse(hit!.first)).toBeLessThanOrEqual(holeAt);
    expect(Date.parse(hit!.last)).toBeGreaterThanOrEqual(holeAt + 2 * HOUR);
  });

  it('counts as missing the events after the newest record of the last file, though before that file was delivered', async () => {
    // The last file before the hole is delivered at 15:00 and holds records up to 14:55: a call at 14:58 is in no file of the stream.
    const between = copyAt(holeAt - 2 * MINUTE);
    index = await buildIndex({ ...stream('us-east-1', []), ...stream('us-west-2', [[holeAt, holeAt + 2 * HOUR]]), 'exports/org-trail.jsonl': [between] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'delivery-gap');
    expect(hit!.eventIDs).toEqual([between.eventID]);
    expect(hit!.reason).toContain('Its newest record before the gap is from 14:55 UTC; 1 event(s) since then');
    expect(Date.parse(hit!.first)).toBe(holeAt - 5 * MINUTE);
  });

  it('starts at the newest record of the files before the gap, though the last one holds only a late record', async () => {
    // The 15:00 file holds a record of 12:00 delivered late; the 14:40 file's record, 14:35, is the stream's newest.
    const files = { ...stream('us-east-1', []), ...stream('us-west-2', [[holeAt, holeAt + 2 * HOUR]]) };
    files[fileAt('us-west-2', holeAt)] = [{ Records: [call(holeAt - 3 * HOUR)] }];
    const whileDelivering = copyAt(holeAt - 2 * HOUR);
    const afterNewest = copyAt(holeAt - 20 * MINUTE);
    index = await buildIndex({ ...files, 'exports/org-trail.jsonl': [whileDelivering, afterNewest] });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'delivery-gap');
    expect(hit!.eventIDs).toEqual([afterNewest.eventID]);
    expect(Date.parse(hit!.first)).toBe(holeAt - 25 * MINUTE);
  });

  it('says where the records of the stream stop though no other copy filled the gap, with the day when it is another', async () => {
    // The gap starts with the file of 00:00 on the second day, whose only record is from 23:55 the day before.
    const midnight = T0 + 24 * HOUR - (T0 % (24 * HOUR));
    index = await buildIndex({ ...stream('us-east-1', []), ...stream('us-west-2', [[midnight, midnight + 2 * HOUR]]) });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'delivery-gap');
    const before = new Date(midnight - 5 * MINUTE).toISOString();
    expect(hit!.reason).toContain(`(00:00 to 02:00 UTC)`);
    expect(hit!.reason).toContain(`Its newest record before the gap is from ${before.slice(0, 10)} ${before.slice(11, 16)} UTC.`);
    expect(hit!.eventIDs).toEqual([]);
  });

  it('lists an event of the very second of the newest record, and reads records the stream shares with other trails', async () => {
    // The 15:00 file also holds a 14:58 record that an organization trail's file, read first, holds too.
    const files = { ...stream('us-east-1', []), ...stream('us-west-2', [[holeAt, holeAt + 2 * HOUR]]) };
    const shared = call(holeAt - 2 * MINUTE);
    files[fileAt('us-west-2', holeAt)] = [{ Records: [call(holeAt - 5 * MINUTE), shared] }];
    files[fileAt('us-west-2', holeAt + 20 * MINUTE, `o-aa11bb22cc/${PROD}`)] = [{ Records: [shared] }];
    const sameSecond = copyAt(holeAt - 2 * MINUTE);
    index = await buildIndex({ ...files, 'exports/org-trail.jsonl': [sameSecond] });
    runDetections(index.db, config());
    const hit = hitsOf(index.db, 'delivery-gap').find((found) => found.reason.startsWith(`No CloudTrail log file from ${PROD} us-west-2 `));
    expect(Date.parse(hit!.first)).toBe(holeAt - 2 * MINUTE);
    expect(hit!.eventIDs).toEqual([sameSecond.eventID]);
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
