import { constants, createHash, type KeyObject, publicDecrypt, timingSafeEqual } from 'node:crypto';
import type { DigestFile } from './digest.js';

/**
 * The exact string CloudTrail signs for a digest (CloudTrail User Guide, custom validation; aws-cli validation.py):
 *   digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(uncompressed digest)) \n previousDigestSignature
 * with the literal `null` for a starting digest's previous signature.
 */
export function signedString(
  digest: Pick<DigestFile, 'digestEndTime' | 'digestS3Bucket' | 'digestS3Object' | 'previousDigestSignature'>,
  contentSha256: string,
): string {
  const previous = digest.previousDigestSignature ?? 'null';
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${contentSha256}\n${previous}`;
}

/** DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * SHA256withRSA (RSASSA-PKCS1-v1_5) verification of a signature over a known SHA-256.
 * Working from the hash, not the message, lets the real AWS signatures in the docs be
 * checked even though the strings they sign cannot be rebuilt (the previous digests they chain to are not published). The
 * RSA operation checks the type-1 padding; the whole DigestInfo is then compared.
 */
export function verifySha256WithRsa(sha256: Buffer, signature: Buffer, key: KeyObject): boolean {
  // RFC 8017 §8.2.2 step 1: the signature is exactly as long as the modulus.
  const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (signature.length !== Math.ceil(modulusBits / 8)) return false;
  let recovered: Buffer;
  try {
    recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
  const expected = Buffer.concat([SHA256_DIGEST_INFO, sha256]);
  return recovered.length === expected.length && timingSafeEqual(recovered, expected);
}

/** Verifies a hex signature over a digest's signed string. */
export function verifyDigestSignature(signedText: string, signatureHex: string, key: KeyObject): boolean {
  const hash = createHash('sha256').update(signedText, 'utf8').digest();
  return verifySha256WithRsa(hash, Buffer.from(signatureHex, 'hex'), key);
}
