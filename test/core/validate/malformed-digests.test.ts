import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateTree } from '../../../src/core/validate/validate-tree.js';
import { makeTrail, problems, readGzipJson, statusOf } from './trail-helpers.js';

const BAD_FOLDER = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2024/03/09';

describe('malformed digest files', () => {
  it('gets one clear malformed verdict per broken digest, and the rest of the tree is still validated', async () => {
    const trail = makeTrail();
    const good = readGzipJson(path.join(trail.logs, trail.digestFiles[0]!));
    const { digestEndTime: _dropped, ...missingField } = good;
    const cases: Record<string, { bytes: Buffer; reason: RegExp }> = {
      'missing-field.json.gz': { bytes: gzipJson(missingField), reason: /digestEndTime is missing/ },
      'non-hex-hash.json.gz': {
        bytes: gzipJson({ ...good, previousDigestS3Object: 'AWSLogs/111122223333/x', previousDigestHashValue: 'g'.repeat(64) }),
        reason: /previousDigestHashValue is not a 64-digit hex SHA-256/,
      },
      'non-hex-fingerprint.json.gz': { bytes: gzipJson({ ...good, digestPublicKeyFingerprint: 'not-hex' }), reason: /digestPublicKeyFingerprint is not a hex string/ },
      'double-t.json.gz': { bytes: gzipJson({ ...good, digestStartTime: '2024-03-01TT00:00:31Z' }), reason: /digestStartTime is not a UTC timestamp/ },
      'truncated.json.gz': { bytes: gzipJson(good).subarray(0, 40), reason: /gzip stream is corrupt or truncated/ },
      'not-json.json.gz': { bytes: gzipSync(Buffer.from('<Error><Code>AccessDenied</Code></Error>')), reason: /not JSON/ },
      'log-file-not-digest.json.gz': { bytes: gzipJson({ Records: [] }), reason: /digestS3Object is missing/ },
      'empty.json.gz': { bytes: Buffer.alloc(0), reason: /not JSON/ },
      'path-escape.json.gz': {
        bytes: gzipJson({ ...good, logFiles: [{ ...(good['logFiles'] as object[])[0], s3Object: 'AWSLogs/111122223333/../../../etc/passwd' }] }),
        reason: /logFiles\[0\]\.s3Object has no AWSLogs\/ folder or is not a plain S3 key/,
      },
    };
    mkdirSync(path.join(trail.logs, BAD_FOLDER), { recursive: true });
    for (const [name, { bytes }] of Object.entries(cases)) writeFileSync(path.join(trail.logs, BAD_FOLDER, name), bytes);
    const appended = path.join(trail.logs, BAD_FOLDER, 'appended.json.gz');
    writeFileSync(appended, Buffer.concat([gzipJson(good), Buffer.from('trailing bytes')]));

    const report = await validateTree(trail.logs, { publicKeys: [trail.keys] });

    const bad = (name: string) => `${BAD_FOLDER}/${name}`;
    expect(problems(report).sort()).toEqual([...Object.keys(cases), 'appended.json.gz'].map((name) => `malformed ${bad(name)}`).sort());
    for (const [name, { reason }] of Object.entries(cases)) expect(statusOf(report, bad(name)).reason, name).toMatch(reason);
    expect(statusOf(report, bad('appended.json.gz')).reason).toMatch(/14 bytes of unexpected data after the end of the gzip member/);
    expect(report.summary).toMatchObject({ malformed: 10, digests: 13, chainOk: false });
  });

  it('marks a broken digest inside the chain malformed and names the hash mismatch the next digest sees', async () => {
    const trail = makeTrail();
    const middle = path.join(trail.logs, trail.digestFiles[1]!);
    writeFileSync(middle, gzipJson({ ...readGzipJson(middle), digestEndTime: '2024-03-01TT02:00:31Z' }));
    const report = await validateTree(trail.logs, {});
    expect(statusOf(report, trail.digestFiles[1]!).reason).toMatch(/digestEndTime is not a UTC timestamp.*does not match the previousDigestHashValue/);
    // Nothing vouches for the two log files only the broken digest listed.
    expect(problems(report).sort()).toEqual(
      [`malformed ${trail.digestFiles[1]}`, ...trail.logFiles.slice(2, 4).map((file) => `unverifiable ${file}`)].sort(),
    );
  });

  it('recognises a digest by its content outside the CloudTrail-Digest folders, even uncompressed', async () => {
    const trail = makeTrail({ hours: 1 });
    const loose = path.join(trail.logs, 'downloads', 'digest-copy.json');
    mkdirSync(path.dirname(loose), { recursive: true });
    writeFileSync(loose, JSON.stringify({ ...readGzipJson(path.join(trail.logs, trail.digestFiles[0]!)), digestStartTime: 'yesterday' }));
    writeFileSync(path.join(trail.logs, 'downloads', 'notes.json'), JSON.stringify({ hello: 'not a digest' }));
    const report = await validateTree(trail.logs, {});
    expect(problems(report)).toEqual(['malformed downloads/digest-copy.json']);
  });
});

function gzipJson(value: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(value)));
}

