import { describe, expect, it } from 'vitest';
import { awsLogsKey, digestChainId, keyParts, logDeliveryTime } from '../../../src/core/validate/layout.js';

describe('CloudTrail S3 layout', () => {
  it('reads the delivery minute from log file names, including the documented name without "_" before the unique string', () => {
    expect(logDeliveryTime('111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz')).toBe(Date.parse('2015-08-01T02:10:00Z'));
    expect(logDeliveryTime('123456789012_CloudTrail_us-west-1_20140620T1255ZHdkvFTXOA3Vnhbc.json.gz')).toBe(Date.parse('2014-06-20T12:55:00Z'));
    expect(logDeliveryTime('111122223333_CloudTrail_us-east-2_20150231T0210Z_x.json.gz')).toBeNull();
    expect(logDeliveryTime('notes.txt')).toBeNull();
  });

  it('matches digest keys from AWSLogs/ on, whatever the bucket prefix, and refuses keys that climb out', () => {
    expect(awsLogsKey('my/prefix/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/f.json.gz')).toBe(
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/f.json.gz',
    );
    expect(awsLogsKey('AWSLogs/111122223333/CloudTrail/../../../../etc/passwd')).toBeNull();
    expect(awsLogsKey('AWSLogs//111122223333/x')).toBeNull();
    expect(awsLogsKey('elsewhere/f.json.gz')).toBeNull();
  });

  it('tells the owner and region apart in the standard and the organization layout', () => {
    expect(keyParts('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/01/01/f.json.gz')).toEqual({
      owner: 'AWSLogs/111122223333',
      folder: 'CloudTrail',
      region: 'eu-west-1',
    });
    expect(keyParts('AWSLogs/o-aa111bb222/111122223333/CloudTrail-Digest/eu-west-1/2024/01/01/d.json.gz')).toEqual({
      owner: 'AWSLogs/o-aa111bb222/111122223333',
      folder: 'CloudTrail-Digest',
      region: 'eu-west-1',
    });
  });

  it('puts hourly digests of one trail in one chain and backfill digests in another', () => {
    const folder = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-2';
    const name = (ts: string, suffix = '') => `111122223333_CloudTrail-Digest_us-east-2_my_trail_us-east-1_${ts}${suffix}.json.gz`;
    const first = digestChainId(`${folder}/2015/08/17/${name('20150817T140131Z')}`);
    expect(digestChainId(`${folder}/2015/08/18/${name('20150818T000131Z')}`)).toBe(first);
    expect(digestChainId(`${folder}/2015/08/17/${name('20150817T140131Z', '_backfill')}`)).not.toBe(first);
  });
});
