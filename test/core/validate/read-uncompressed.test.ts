import { createHash, randomBytes } from 'node:crypto';
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

// Small files are inflated in memory, large ones streamed: both paths must agree.
const SIZES = [
  { path: 'in memory', content: '{"Records":[{"eventName":"Decrypt"}]}' },
  { path: 'streamed', content: `{"Records":["${randomBytes(150_000).toString('hex')}"]}` },
];

describe.each(SIZES)('readUncompressed ($path)', ({ content }) => {
  const member = gzipSync(content);

  it('hashes the uncompressed content', async () => {
    expect(await readUncompressed(fileWith(member))).toMatchObject({ compressed: true, sha256: sha256(content), trailingBytes: 0, error: null });
  });

  it('hashes only the first gzip member and counts the bytes appended after it', async () => {
    const extra = gzipSync('{"Records":[{"eventName":"ScheduleKeyDeletion"}]}');
    const read = await readUncompressed(fileWith(Buffer.concat([member, extra])));
    expect(read).toMatchObject({ sha256: sha256(content), trailingBytes: extra.length });
  });

  it('reports a truncated stream, a cut trailer and a corrupted CRC instead of throwing', async () => {
    expect((await readUncompressed(fileWith(member.subarray(0, member.length - 20)))).error).toMatch(/corrupt or truncated/);
    expect((await readUncompressed(fileWith(member.subarray(0, member.length - 4)))).error).toMatch(/trailer is truncated/);
    const badCrc = Buffer.from(member);
    badCrc[badCrc.length - 8] = (badCrc[badCrc.length - 8] ?? 0) ^ 0xff;
    expect((await readUncompressed(fileWith(badCrc))).error).toMatch(/CRC/);
  });

  it('reads a file without gzip magic as already-uncompressed content, whatever its suffix', async () => {
    expect(await readUncompressed(fileWith(Buffer.from(content)))).toMatchObject({ compressed: false, sha256: sha256(content) });
  });
});

describe('readUncompressed', () => {
  it('matches the AWS CLI test vector: the hash is over the uncompressed {"foo":"bar"}', async () => {
    const read = await readUncompressed(fileWith(gzipSync('{"foo":"bar"}')));
    expect(read.sha256).toBe('7a38bf81f383f69433ad6e900d35b3e2385593f76a7b7ab5d4355b8ba41ee24b');
  });

  it('counts trailing zero padding as appended data, like the AWS CLI', async () => {
    expect((await readUncompressed(fileWith(Buffer.concat([gzipSync('{}'), Buffer.alloc(3)])))).trailingBytes).toBe(3);
  });

  it('streams a small gzip bomb instead of inflating it in memory, and still hashes it', async () => {
    const huge = Buffer.alloc(20 * 1024 * 1024, 0x20);
    const bomb = gzipSync(huge);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await readUncompressed(fileWith(bomb))).sha256).toBe(sha256(huge));
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
