/**
 * A KMS key is named five ways in CloudTrail: key ARN, bare key id (UUID), `mrk-`
 * multi-region id, alias name (`alias/aws/ebs`) and alias ARN. We index keys by
 * their key id (unique per partition; one id for every region of a multi-region
 * key) and remember the ARN we saw for display.
 */
export type KeyRef =
  | { kind: 'key'; keyId: string; arn: string | null }
  | { kind: 'alias'; alias: string; account: string | null; region: string | null };

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]*):(\d*):(key|alias)\/(.+)$/;

export function parseKeyRef(value: unknown): KeyRef | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  const arn = KMS_ARN.exec(value);
  if (arn) {
    const [, region = '', account = '', type, rest = ''] = arn;
    if (type === 'key') return { kind: 'key', keyId: rest.toLowerCase(), arn: value };
    return { kind: 'alias', alias: `alias/${rest}`, account: account || null, region: region || null };
  }
  if (value.startsWith('alias/')) return { kind: 'alias', alias: value, account: null, region: null };
  // Documentation examples use ids that are UUID-shaped but not hex ("...-28b39example").
  if (KEY_ID.test(value) || /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12,}$/i.test(value)) {
    return { kind: 'key', keyId: value.toLowerCase(), arn: null };
  }
  return null;
}

/** The key id inside a key ARN, or the value itself when it is a bare id. */
export function keyIdOf(value: string): string | null {
  const ref = parseKeyRef(value);
  return ref?.kind === 'key' ? ref.keyId : null;
}
