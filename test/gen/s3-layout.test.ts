import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { Rng } from '../../src/gen/rng.js';
import { deliveryPath, gzipRecords, planDeliveries } from '../../src/gen/s3-layout.js';
import { makeKmsKey } from '../../src/gen/kms-keys.js';
import { decryptEvent } from '../../src/gen/kms-crypto-events.js';
import { serviceActor } from '../../src/gen/actors.js';
import { MINUTE } from '../../src/gen/time-format.js';

const start = Date.UTC(2026, 10, 20, 23, 20);

function someEvents(seed: number, count: number) {
  const rng = new Rng(seed);
  const kmsKey = makeKmsKey(rng, '111122223333', 'us-east-1');
  const actor = serviceActor('s3.amazonaws.com');
  return Array.from({ length: count }, (_, index) => decryptEvent({ rng, time: start + index * 7_000, region: 'us-east-1', account: '111122223333', actor }, { kmsKey }));
}

describe('CloudTrail S3 layout', () => {
  it('names files like CloudTrail, with the org id for organization trails', () => {
    const stamp = Date.UTC(2026, 10, 21, 2, 15, 40);
    expect(deliveryPath({ account: '111122223333', region: 'us-west-2' }, stamp, 'Ab3dEf6hIj9kLm2n')).toBe(
      'AWSLogs/111122223333/CloudTrail/us-west-2/2026/11/21/111122223333_CloudTrail_us-west-2_20261121T0215Z_Ab3dEf6hIj9kLm2n.json.gz',
    );
    expect(deliveryPath({ account: '444455556666', region: 'eu-west-1', orgId: 'o-7k2m9q4x1z' }, stamp, 'x'.repeat(16))).toMatch(
      /^AWSLogs\/o-7k2m9q4x1z\/444455556666\/CloudTrail\/eu-west-1\/2026\/11\/21\/444455556666_CloudTrail_eu-west-1_20261121T0215Z_x{16}\.json\.gz$/,
    );
  });

  it('writes {"Records":[...]} gzipped, with no trailing newline, identical on every run', () => {
    const events = someEvents(1, 3);
    const text = gunzipSync(gzipRecords(events)).toString('utf8');
    expect(text.startsWith('{"Records":[{')).toBe(true);
    expect(text.endsWith(']}')).toBe(true);
    expect(JSON.parse(text).Records).toEqual(events);
    expect(gzipRecords(events).equals(gzipRecords(someEvents(1, 3)))).toBe(true);
  });

  it('delivers every event once, in 5-15 minute windows, unsorted within a file', () => {
    const events = someEvents(2, 400);
    const files = planDeliveries(new Rng(9), { account: '111122223333', region: 'us-east-1' }, events);
    expect(files.flatMap((file) => file.events).map((event) => event.eventID).sort()).toEqual(events.map((event) => event.eventID).sort());
    for (const file of files) {
      const times = file.events.map((event) => Date.parse(event.eventTime));
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(15 * MINUTE);
      expect(file.deliveredAt).toBeGreaterThan(Math.max(...times));
    }
    const unsorted = files.filter((file) => file.events.some((event, index) => index > 0 && event.eventTime < file.events[index - 1]!.eventTime));
    expect(unsorted.length).toBeGreaterThan(files.length / 2);
    // Folders follow the delivery time: a window that closes after midnight lands in the next day's folder.
    expect(new Set(files.map((file) => file.path.split('/')[6]))).toEqual(new Set(['20', '21']));
    const crossesMidnight = files.filter((file) => file.path.includes('/2026/11/21/') && file.events.some((event) => event.eventTime.startsWith('2026-11-20')));
    expect(crossesMidnight.length).toBeGreaterThan(0);
  });
});
