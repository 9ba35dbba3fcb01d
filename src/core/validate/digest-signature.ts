import path from 'node:path';
import type { ChainAnalysis } from './chain.js';
import type { LocalDigest } from './local-digest.js';
import type { PublicKeySet } from './public-keys.js';
import { readSignatureSidecar, SIGNATURE_SIDECAR_SUFFIX } from './sidecar.js';
import { signedString, verifyDigestSignature } from './signature.js';

export interface SignatureVerdict {
  outcome: 'verified' | 'invalid' | 'unchecked';
  reason: string;
}

interface FoundSignature {
  hex: string;
  source: string;
}

/**
 * Checks a readable digest's signature. It is carried by the next digest as
 * `previousDigestSignature`; the newest digest's lives only in S3 metadata, so it is
 * taken from a `.sig` sidecar when one exists (see sidecar.ts). Every signature found
 * must verify.
 */
export async function checkDigestSignature(
  local: LocalDigest,
  chain: Pick<ChainAnalysis, 'successors' | 'newest'>,
  keys: PublicKeySet | null,
  present: ReadonlySet<string>,
): Promise<SignatureVerdict> {
  const digest = local.digest;
  if (!digest || local.sha256 === null) return unchecked('digest could not be read');
  if (!keys) return unchecked('signature not checked: no public keys supplied');
  if (digest.digestSignatureAlgorithm !== 'SHA256withRSA') {
    return unchecked('signature not checked: unsupported digestSignatureAlgorithm');
  }
  const fingerprint = digest.digestPublicKeyFingerprint;
  const key = keys.byFingerprint.get(fingerprint);
  if (!key) return unchecked(`signature not checked: no public key with fingerprint ${fingerprint} was supplied`);
  const found = await findSignatures(local, chain, present);
  if ('missing' in found) return unchecked(found.missing);
  const text = signedString(digest, local.sha256);
  const failed = found.signatures.find((signature) => !verifyDigestSignature(text, signature.hex, key));
  if (failed) return { outcome: 'invalid', reason: `the signature (${failed.source}) does not verify with public key ${fingerprint}` };
  const sources = found.signatures.map((signature) => signature.source).join(' and ');
  return { outcome: 'verified', reason: `signature verified with public key ${fingerprint} (from ${sources})` };
}

async function findSignatures(
  local: LocalDigest,
  chain: Pick<ChainAnalysis, 'successors' | 'newest'>,
  present: ReadonlySet<string>,
): Promise<{ signatures: FoundSignature[] } | { missing: string }> {
  const successors = chain.successors.get(local) ?? [];
  const signatures: FoundSignature[] = [];
  for (const next of successors) {
    const hex = next.digest?.previousDigestSignature;
    if (hex) signatures.push({ hex, source: `the previousDigestSignature of ${path.basename(next.path)}` });
  }
  const sidecar = local.path + SIGNATURE_SIDECAR_SUFFIX;
  if (present.has(sidecar)) {
    const read = await readSignatureSidecar(sidecar);
    if ('error' in read) return { missing: `signature not checked: ${read.error}` };
    signatures.push({ hex: read.signature, source: `sidecar ${path.basename(sidecar)}` });
  }
  if (signatures.length > 0) return { signatures };
  const why =
    successors.length > 0
      ? 'the next digest carries no previousDigestSignature'
      : chain.newest.has(local)
        ? 'newest local digest of its chain: its signature is only in S3 metadata (x-amz-meta-signature)'
        : 'the next digest, which carries its signature, is not in the local copy';
  return { missing: `signature not checked: ${why}; save \`aws s3api head-object\` output for it as ${path.basename(sidecar)}` };
}

function unchecked(reason: string): SignatureVerdict {
  return { outcome: 'unchecked', reason };
}
