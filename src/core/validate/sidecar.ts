import { readFile } from 'node:fs/promises';

/**
 * The newest digest's signature exists only as S3 object metadata (`x-amz-meta-signature`:
 * it is not inside any file CloudTrail writes). keytrail accepts it from a sidecar file next to the digest:
 *
 *   <digest file name>.sig   e.g. ..._20240101T010031Z.json.gz.sig
 *
 * holding either the hex signature as plain text, or JSON: `{"signature": "<hex>"}`, or
 * the output of `aws s3api head-object --bucket B --key K` as is
 * (`{"Metadata": {"signature": "<hex>", "signature-algorithm": "SHA256withRSA"}}`).
 */
export const SIGNATURE_SIDECAR_SUFFIX = '.sig';

export type SidecarSignature = { signature: string } | { error: string };

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

export async function readSignatureSidecar(file: string): Promise<SidecarSignature> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    return { error: `signature sidecar could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const signature = text.startsWith('{') ? signatureFromJson(text) : text;
  if (signature === null || !HEX.test(signature)) {
    return { error: 'signature sidecar holds no hex signature (plain hex, {"signature"} or head-object JSON)' };
  }
  return { signature: signature.toLowerCase() };
}

function signatureFromJson(text: string): string | null {
  try {
    const json = JSON.parse(text) as { signature?: unknown; Metadata?: { signature?: unknown } };
    const value = json.signature ?? json.Metadata?.signature;
    return typeof value === 'string' ? value.trim() : null;
  } catch {
    return null;
  }
}
