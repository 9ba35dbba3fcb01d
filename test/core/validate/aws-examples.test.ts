import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../../src/core/validate/digest.js';
import { derFingerprints, loadPublicKeys } from '../../../src/core/validate/public-keys.js';
import { signedString, verifySha256WithRsa } from '../../../src/core/validate/signature.js';
import { validateTree } from '../../../src/core/validate/validate-tree.js';
import { problems, statusOf, workspace } from './trail-helpers.js';

/**
 * AWS's published material (test/fixtures/digests, README there). The digests there
 * are documentation copies: the previous digests their `previousDigestSignature`s sign
 * are not published, so the signed strings cannot be rebuilt. What can be checked is
 * that AWS's real signatures verify, with AWS's published key, over the SHA-256 those
 * strings hashed to (recovered with the key).
 */
const GUIDE = fileURLToPath(new URL('../../fixtures/digests/', import.meta.url));
const GUIDE_KEYS = path.join(GUIDE, 'list-public-keys-example-line96.json');
const CLI_KEYS = path.join(GUIDE, 'aws-cli-list-public-keys-output.json');
const EXAMPLES = [
  { file: 'digest-example-line28.json', signedHash: '4cdaa85fddf1a1a032e5fca5d16d104d1b03f2b31641eff267d877264a44c570' },
  { file: 'digest-example-line135.json', signedHash: 'eb6fb72c4f3302de4b4a4693658e3a7bf1d464330eb80399500fe11bf1b7ab00' },
];
const SPKI_KEY = '31e8b5433410dfb61a9dc45cc65b22ff';

function exampleDigest(file: string) {
  const parsed = parseDigest(readFileSync(path.join(GUIDE, file)));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.digest;
}

describe('AWS example digests and public keys', () => {
  it('loads the PKCS#1 and SPKI keys AWS publishes, under the fingerprints AWS gives them (MD5 of the DER)', async () => {
    const keys = await loadPublicKeys([GUIDE_KEYS, CLI_KEYS]);
    expect(keys.problems).toEqual([]);
    expect(keys.count).toBe(4);
    for (const fingerprint of ['8eba5db5bea9b640d1c96a77256fe7f2', '8933b39ddc64d26d8e14ffbf6566fee4', SPKI_KEY, '7f3f401420072e50a65a141430817ab3']) {
      const key = keys.byFingerprint.get(fingerprint);
      expect(key, fingerprint).toBeDefined();
      expect(derFingerprints(key!)).toContain(fingerprint);
    }
  });

  it.each(EXAMPLES)('verifies the real previousDigestSignature in $file with AWS key 31e8b543… and no other', async ({ file, signedHash }) => {
    const keys = await loadPublicKeys([GUIDE_KEYS, CLI_KEYS]);
    const digest = exampleDigest(file);
    expect(digest.digestPublicKeyFingerprint).toBe(SPKI_KEY);
    const signature = Buffer.from(digest.previousDigestSignature!, 'hex');
    const hash = Buffer.from(signedHash, 'hex');
    const verifying = [...new Set(keys.byFingerprint.values())].filter((key) => verifySha256WithRsa(hash, signature, key));
    expect(verifying).toEqual([keys.byFingerprint.get(SPKI_KEY)]);
    const otherHash = Buffer.from(hash);
    otherHash[0] = (otherHash[0] ?? 0) ^ 1;
    expect(verifySha256WithRsa(otherHash, signature, keys.byFingerprint.get(SPKI_KEY)!)).toBe(false);
  });

  it('builds the signed string exactly as the AWS CLI test vector', () => {
    const sha = createHash('sha256').update('abc').digest('hex');
    const text = signedString({ digestEndTime: 'a', digestS3Bucket: 'b', digestS3Object: 'c', previousDigestSignature: null }, sha);
    expect(text).toBe('a\nb/c\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\nnull');
  });

  it('reads the empty example digest: no log files, null event times', () => {
    const digest = exampleDigest('digest-example-line135.json');
    expect(digest.logFiles).toEqual([]);
    expect(digest.previousDigestHashValue).toBe('ed96c4bac9eaa8fe9716ca0e515da51938be651b1db31d781956416a9d05cdfa');
  });

  it('validating a tree holding the example digest reports its log file missing with its event range', async () => {
    const { logs } = workspace();
    const digest = exampleDigest('digest-example-line28.json');
    const target = path.join(logs, ...digest.digestS3Object.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, gzipSync(readFileSync(path.join(GUIDE, 'digest-example-line28.json'))));
    const report = await validateTree(logs, { publicKeys: [GUIDE_KEYS] });
    const logKey = digest.logFiles[0]!.s3Object;
    expect(problems(report).sort()).toEqual([`missing ${logKey}`, `unverifiable ${digest.digestS3Object}`]);
    expect(statusOf(report, logKey)).toMatchObject({ oldestEventTime: '2015-08-17T14:42:27Z', newestEventTime: '2015-08-17T14:52:27Z' });
    // Its predecessor lies before the local copy: a boundary, not a missing digest.
    expect(statusOf(report, digest.digestS3Object).reason).toContain('previous digest is outside the local copy');
  });
});
