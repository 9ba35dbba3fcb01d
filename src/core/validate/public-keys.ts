import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * CloudTrail public keys, looked up by the `digestPublicKeyFingerprint` of a digest.
 * AWS's own examples carry both PKCS#1 (`MIIBCgKCAQEA...`) and SPKI (`MIIBIjANBgkq...`)
 * DER, and the fingerprint is the MD5 of whichever DER `Value` holds (observed
 * on AWS's published examples). Each key is indexed under the fingerprint given and the MD5 of both
 * encodings, so a key converted from one form to the other is still found.
 */
export interface PublicKeySet {
  byFingerprint: Map<string, KeyObject>;
  /** Distinct keys loaded. */
  count: number;
  /** Files or entries that could not be used, one sentence each. */
  problems: string[];
}

export async function loadPublicKeys(paths: readonly string[]): Promise<PublicKeySet> {
  const set: PublicKeySet = { byFingerprint: new Map(), count: 0, problems: [] };
  for (const file of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      set.problems.push(`public key file ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const text = bytes.toString('utf8').trim();
    if (text.startsWith('{')) addListPublicKeysJson(set, file, text);
    else if (text.includes('-----BEGIN')) addPem(set, file, text);
    else addKey(set, file, () => derKey(bytes));
  }
  return set;
}

/** `aws cloudtrail list-public-keys` output; AWS's docs spell the list both ways. */
function addListPublicKeysJson(set: PublicKeySet, file: string, text: string): void {
  let list: unknown;
  try {
    const json = JSON.parse(text) as { PublicKeyList?: unknown; publicKeyList?: unknown };
    list = json.PublicKeyList ?? json.publicKeyList;
  } catch {
    set.problems.push(`public key file ${file} is not valid JSON`);
    return;
  }
  if (!Array.isArray(list)) {
    set.problems.push(`public key file ${file} has no PublicKeyList`);
    return;
  }
  for (const entry of list as { Value?: unknown; Fingerprint?: unknown }[]) {
    const fingerprint = typeof entry?.Fingerprint === 'string' ? entry.Fingerprint.toLowerCase() : null;
    if (typeof entry?.Value !== 'string') {
      set.problems.push(`public key ${fingerprint ?? '(no fingerprint)'} in ${file} has no base64 Value`);
      continue;
    }
    const der = Buffer.from(entry.Value, 'base64');
    addKey(set, `${file} (${fingerprint ?? 'no fingerprint'})`, () => derKey(der), fingerprint);
  }
}

function addPem(set: PublicKeySet, file: string, text: string): void {
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) set.problems.push(`public key file ${file} holds no complete PEM block`);
  for (const block of blocks) addKey(set, file, () => createPublicKey(block));
}

/** PKCS#1 RSAPublicKey first (what ListPublicKeys documents), then SPKI. */
function derKey(der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

function addKey(set: PublicKeySet, source: string, load: () => KeyObject, declared: string | null = null): void {
  let key: KeyObject;
  try {
    key = load();
  } catch {
    set.problems.push(`${source}: not an RSA public key in PKCS#1 or SPKI form`);
    return;
  }
  if (key.asymmetricKeyType !== 'rsa') {
    set.problems.push(`${source}: not an RSA key`);
    return;
  }
  set.count += 1;
  for (const fingerprint of [declared, ...derFingerprints(key)]) {
    if (fingerprint && !set.byFingerprint.has(fingerprint)) set.byFingerprint.set(fingerprint, key);
  }
}

/** MD5 (lowercase hex) of the key's PKCS#1 and SPKI DER: how AWS fingerprints keys. */
export function derFingerprints(key: KeyObject): string[] {
  return (['pkcs1', 'spki'] as const).map((type) =>
    createHash('md5').update(key.export({ format: 'der', type })).digest('hex'),
  );
}
