import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPublicKeys } from '../../../src/core/validate/public-keys.js';
import { validateTree } from '../../../src/core/validate/validate-tree.js';
import { makeTrail, problems, testKey } from './trail-helpers.js';

describe('public key files', () => {
  it.each([
    { form: 'SPKI PEM', name: 'key.pem', bytes: () => createPublicKey(testKey()).export({ format: 'pem', type: 'spki' }) },
    { form: 'PKCS#1 PEM', name: 'key.pem', bytes: () => createPublicKey(testKey()).export({ format: 'pem', type: 'pkcs1' }) },
    { form: 'PKCS#1 DER', name: 'key.der', bytes: () => createPublicKey(testKey()).export({ format: 'der', type: 'pkcs1' }) },
    { form: 'SPKI DER', name: 'key.der', bytes: () => createPublicKey(testKey()).export({ format: 'der', type: 'spki' }) },
  ])('verifies every digest with the key given as $form', async ({ name, bytes }) => {
    const trail = makeTrail({ publicKeysFile: null });
    const keyFile = path.join(trail.root, name);
    writeFileSync(keyFile, bytes());
    const report = await validateTree(trail.logs, { publicKeys: [keyFile] });
    expect(problems(report)).toEqual([]);
    expect(report.summary.signaturesChecked).toBe(3);
  });

  it('reports unusable key files in the summary and leaves the signatures unverified', async () => {
    const trail = makeTrail();
    const garbage = path.join(trail.root, 'garbage.json');
    writeFileSync(garbage, '{"PublicKeyList":[{"Fingerprint":"00","Value":"bm90IGEga2V5"}]}');
    const report = await validateTree(trail.logs, { publicKeys: [garbage, path.join(trail.root, 'absent.pem')] });
    expect(report.summary.notes).toEqual([
      `${garbage} (00): not an RSA public key in PKCS#1 or SPKI form`,
      `public key file ${path.join(trail.root, 'absent.pem')} could not be read (ENOENT)`,
    ]);
    expect(report.summary).toMatchObject({ publicKeys: 0, unverifiable: 3, signaturesChecked: 0 });
  });

  it('finds a key by the fingerprint of either DER encoding, so a converted key still matches', async () => {
    const trail = makeTrail({ publicKeysFile: null });
    const pem = path.join(trail.root, 'converted.pem');
    writeFileSync(pem, createPublicKey(testKey()).export({ format: 'pem', type: 'spki' }));
    const keys = await loadPublicKeys([pem]);
    // The fixture fingerprints the PKCS#1 DER, as AWS's list-public-keys does.
    expect(keys.byFingerprint.has(trail.fingerprint)).toBe(true);
  });
});
