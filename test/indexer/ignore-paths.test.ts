import { describe, expect, it } from 'vitest';
import { createPathFilter } from '../../src/indexer/ignore-paths.js';

describe('what the watcher never indexes', () => {
  const skip = createPathFilter('/logs', '/logs/state/index.db');

  it.each([
    'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/20/111122223333_CloudTrail-Digest_us-east-1_t_20261120T0000Z.json.gz',
    'elsewhere/111122223333_CloudTrail-Digest_us-east-1_t_20261120T0000Z.json.gz',
    '.git/config', 'a/.hidden.json', 'copy.json.tmp', 'x.json.part', 'download.json.gz.crdownload', 'edit.json~',
    'AWSLogs/1/CloudTrail/us-east-1/2026/11/20/f.json.gz.a1B2c3D4',
    'state/index.db', 'state/index.db-wal', 'state/index.db-shm', 'state/index.db.lock',
  ])('skips %s', (path) => expect(skip(path)).toBe(true));

  it.each([
    '', 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T0000Z_ab12.json.gz',
    'exports/cloudwatch.jsonl', 'lookup-events.json', 'state/other.db', 'notes.txt',
  ])('keeps %s', (path) => expect(skip(path)).toBe(false));

  it('skips nothing of its own when the index lives outside the folder', () => {
    expect(createPathFilter('/logs', '/home/me/.local/state/keytrail/index.db')('index.db')).toBe(false);
  });
});
