import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readUncompressed } from '../../../src/core/validate/read-uncompressed.js';
import { workspace } from './trail-helpers.js';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function fileWith(bytes: Buffer): string {
  const file = path.join(workspace().root, 'file.json.gz');
  writeFileSync(file, bytes);
  return file;
}

describe('readUncompressed', () => {
  it('hashes the uncompressed content, matching the AWS CLI test vector for {"foo":"bar"}', async () => {
    const read = await readUncompressed(fileWith(gzipSync('{"foo":"bar"}')));
    expect(read).toMatchObject({ compressed: true, trailingBytes: 0, error: null });
    expect(read.sha256).toBe('7a38bf81f383f69433ad6e900d35b3e2385593f76a7b7ab5d4355b8ba41ee24b');
  });

  it('hashes only the first gzip member and counts what follows it', async () => {
    const first = gzipSync('{"Records":[]}');
    const read = await readUncompressed(fileWith(Buffer.concat([first, gzipSync('{"Records":[{}]}')])));
    expect(read.sha256).toBe(sha256('{"Records":[]}'));
    expect(read.trailingBytes).toBe(gzipSync('{"Records":[{}]}').length);
  });

  it('counts trailing zero padding as appended data, like the AWS CLI', async () => {
    const read = await readUncompressed(fileWith(Buffer.concat([gzipSync('{}'), Buffer.alloc(3)])));
    expect(read.trailingBytes).toBe(3);
  });

  it('reports a truncated stream, a cut trailer and a corrupted CRC instead of throwing', async () => {
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => i).join(','));
    expect((await readUncompressed(fileWith(whole.subarray(0, whole.length - 20)))).error).toMatch(/corrupt or truncated/);
    expect((await readUncompressed(fileWith(whole.subarray(0, whole.length - 4)))).error).toMatch(/trailer is truncated/);
    const badCrc = Buffer.from(whole);
    badCrc[badCrc.length - 8] = (badCrc[badCrc.length - 8] ?? 0) ^ 0xff;
    expect((await readUncompressed(fileWith(badCrc))).error).toMatch(/CRC/);
  });

  it('reads a file without gzip magic as already-uncompressed content, whatever its suffix', async () => {
    const read = await readUncompressed(fileWith(Buffer.from('{"baz":"qux"}')));
    expect(read).toMatchObject({ compressed: false, sha256: '5b1070294963f40cb5b3c7a05d3fbaf7ffe4e5d226632026e39cfeb32d349c0c' });
  });

  it('skips optional gzip header fields (file name, comment) before inflating', async () => {
    const plain = gzipSync('{"a":1}');
    // Set FNAME|FCOMMENT and splice both zero-terminated strings after the 10-byte header.
    const header = Buffer.from(plain.subarray(0, 10));
    header[3] = 0x18;
    const withFields = Buffer.concat([header, Buffer.from('name.json\0a comment\0'), plain.subarray(10)]);
    expect((await readUncompressed(fileWith(withFields))).sha256).toBe(sha256('{"a":1}'));
  });

  it('keeps the content only when asked and within the limit', async () => {
    const file = fileWith(gzipSync('{"digest":true}'));
    expect((await readUncompressed(file)).content).toBeNull();
    expect((await readUncompressed(file, 1024)).content?.toString()).toBe('{"digest":true}');
    expect((await readUncompressed(file, 4)).content).toBeNull();
  });
});
