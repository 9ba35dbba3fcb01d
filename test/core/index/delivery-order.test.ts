import { describe, expect, it } from 'vitest';
import { deliveryTime, deliveryTimeText, newestDeliveryFirst } from '../../../src/core/index/delivery-order.js';

const accountTrail = (stamp: string, region = 'eu-west-1') =>
  `AWSLogs/111122223333/CloudTrail/${region}/2026/11/21/111122223333_CloudTrail_${region}_${stamp}_ZOm05TYXAi1sM6Oy.json.gz`;
const orgTrail = (stamp: string) =>
  `AWSLogs/o-7k2m9q4x1z/444455556666/CloudTrail/us-east-1/2026/11/21/444455556666_CloudTrail_us-east-1_${stamp}_qIXZdbnZcEErNjCp.json.gz`;

describe('a file\'s delivery time, from its name', () => {
  it('reads the minute of an account trail\'s and an organization trail\'s delivery', () => {
    expect(deliveryTime(accountTrail('20261121T0106Z'))).toBe(Date.parse('2026-11-21T01:06:00Z'));
    expect(deliveryTime(orgTrail('20261120T2359Z'))).toBe(Date.parse('2026-11-20T23:59:00Z'));
    expect(deliveryTime(accountTrail('20261121T0106Z').split('/').at(-1) as string)).toBe(Date.parse('2026-11-21T01:06:00Z'));
  });

  it('gives none for files whose names carry no delivery time', () => {
    expect(deliveryTime('exports/cloudwatch-kms.jsonl')).toBeNull();
    expect(deliveryTime('exports/lookup-events.json')).toBeNull();
    expect(deliveryTime('AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/21/111122223333_CloudTrail-Digest_us-east-1_example_us-east-1_20261121T010600Z.json.gz')).toBeNull();
    // A stamp in a folder name is not the file's delivery.
    expect(deliveryTime('111122223333_CloudTrail_eu-west-1_20261121T0106Z_abc/notes.txt')).toBeNull();
  });

  it('gives none for an impossible stamp rather than a rolled-over date', () => {
    expect(deliveryTime(accountTrail('20261131T0106Z'))).toBeNull();
    expect(deliveryTime(accountTrail('20261321T0106Z'))).toBeNull();
    expect(deliveryTime(accountTrail('20261121T2406Z'))).toBeNull();
    expect(deliveryTime(accountTrail('20261121T0160Z'))).toBeNull();
    expect(deliveryTime(accountTrail('20280229T0000Z'))).toBe(Date.parse('2028-02-29T00:00:00Z'));
  });

  it('writes a delivery time as CloudTrail writes eventTime', () => {
    expect(deliveryTimeText(Date.parse('2026-11-21T01:06:00Z'))).toBe('2026-11-21T01:06:00Z');
  });
});

describe('the order of a first scan', () => {
  it('puts the newest delivery first, ties by path, and files without a delivery time last, by path', () => {
    const files = [
      'exports/lookup-events.json',
      accountTrail('20261121T0029Z'),
      'exports/cloudwatch-kms.jsonl',
      orgTrail('20261121T0454Z'),
      accountTrail('20261121T0454Z', 'ap-south-1'),
      accountTrail('20261120T2359Z'),
      accountTrail('20261121T2406Z'),
    ];
    expect(newestDeliveryFirst(files)).toEqual([
      accountTrail('20261121T0454Z', 'ap-south-1'),
      orgTrail('20261121T0454Z'),
      accountTrail('20261121T0029Z'),
      accountTrail('20261120T2359Z'),
      accountTrail('20261121T2406Z'),
      'exports/cloudwatch-kms.jsonl',
      'exports/lookup-events.json',
    ]);
  });

  it('gives the same order whatever order the files were found in', () => {
    const files = [accountTrail('20261121T0106Z'), orgTrail('20261121T0106Z'), 'a.json', 'b.json', accountTrail('20261121T0107Z')];
    expect(newestDeliveryFirst([...files].reverse())).toEqual(newestDeliveryFirst(files));
  });
});
