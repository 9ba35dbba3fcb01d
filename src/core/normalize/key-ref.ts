/**
 * A KMS key is named five ways in CloudTrail: key ARN, bare key id (UUID), `mrk-`
 * multi-Region id, alias name (`alias/aws/ebs`) and alias ARN. A key is what AWS says it
 * is: its ARN (partition, region, account, id), so the replicas of a multi-Region key
 * (one `mrk-` id) are separate keys, and an alias belongs to one account and region.
 */
export type KeyRef =
  | { kind: 'key'; keyId: string; arn: string | null }
  | { kind: 'alias'; alias: string; arn: string | null };

/** Where a key or alias lives. */
export interface KeyPlace {
  partition: string;
  region: string;
  account: string;
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
// Documentation examples use ids that are UUID-shaped but not hex ("...-28b39example").
const EXAMPLE_KEY_ID = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12,}$/i;
const KMS_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]*):(\d*):(key|alias)\/(.+)$/i;

/** The one spelling of a key ARN: ids and regions compare without case. */
export function keyArn(place: KeyPlace, keyId: string): string {
  return `arn:${place.partition}:kms:${place.region.toLowerCase()}:${place.account}:key/${keyId.toLowerCase()}`;
}

export function aliasArn(place: KeyPlace, alias: string): string {
  return `arn:${place.partition}:kms:${place.region.toLowerCase()}:${place.account}:${alias}`;
}

/** The account and region of a key or alias ARN. */
export function placeOf(arn: string): KeyPlace | null {
  const match = KMS_ARN.exec(arn);
  return match ? { partition: match[1]!, region: match[2]!, account: match[3]! } : null;
}

export function parseKeyRef(value: unknown): KeyRef | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  const arn = KMS_ARN.exec(value);
  if (arn) {
    const [, partition = 'aws', region = '', account = '', type, rest = ''] = arn;
    const place = { partition, region, account };
    if (type === 'key') return { kind: 'key', keyId: rest.toLowerCase(), arn: keyArn(place, rest) };
    return { kind: 'alias', alias: `alias/${rest}`, arn: aliasArn(place, `alias/${rest}`) };
  }
  if (value.startsWith('alias/')) return { kind: 'alias', alias: value, arn: null };
  if (KEY_ID.test(value) || EXAMPLE_KEY_ID.test(value)) return { kind: 'key', keyId: value.toLowerCase(), arn: null };
  return null;
}

/** The key id inside a key ARN, or the value itself when it is a bare id. */
export function keyIdOf(value: string): string | null {
  const ref = parseKeyRef(value);
  return ref?.kind === 'key' ? ref.keyId : null;
}

/** The alias name inside an alias ARN (`alias/x`), or the value itself when it is a name. */
export function aliasNameOf(value: string): string | null {
  const ref = parseKeyRef(value);
  return ref?.kind === 'alias' ? ref.alias : null;
}
