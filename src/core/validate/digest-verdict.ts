import type { ChainAnalysis } from './chain.js';
import { checkDigestSignature, type SignatureVerdict } from './digest-signature.js';
import type { LocalDigest } from './local-digest.js';
import type { PublicKeySet } from './public-keys.js';
import type { FileIntegrity } from './types.js';

export interface DigestVerdict {
  file: FileIntegrity;
  signature: SignatureVerdict['outcome'];
}

/**
 * One digest's status. Precedence, worst first: malformed, digest-modified (a later
 * digest recorded a different hash), signature-invalid, unverifiable (keys were given
 * but its signature could not be checked), valid.
 */
export async function judgeDigest(
  local: LocalDigest,
  chain: ChainAnalysis,
  keys: PublicKeySet | null,
  present: ReadonlySet<string>,
): Promise<DigestVerdict> {
  const successors = chain.successors.get(local) ?? [];
  const judgedBy = successors[0]?.rel ?? null;
  const modified = chain.modified.get(local);
  const notes = [local.note, ...(chain.notes.get(local) ?? [])];
  const verdict = (status: FileIntegrity['status'], ...reasons: (string | null | undefined)[]): FileIntegrity => ({
    file: local.rel,
    kind: 'digest',
    status,
    digest: judgedBy,
    reason: [...reasons, ...notes].filter((text): text is string => !!text).join('; '),
  });
  if (local.problem !== null) {
    return { file: verdict('malformed', `malformed digest: ${local.problem}`, modified), signature: 'unchecked' };
  }
  const signature = await checkDigestSignature(local, chain, keys, present);
  if (modified !== undefined) {
    return { file: verdict('digest-modified', `digest modified: ${modified}`, signature.reason), signature: signature.outcome };
  }
  if (signature.outcome === 'invalid') return { file: verdict('signature-invalid', signature.reason), signature: 'invalid' };
  if (signature.outcome === 'unchecked' && keys) return { file: verdict('unverifiable', signature.reason), signature: 'unchecked' };
  const chainPart = judgedBy ? 'content matches the hash recorded by the next digest' : 'newest local digest: no later digest records its hash';
  return { file: verdict('valid', chainPart, signature.reason), signature: signature.outcome };
}
