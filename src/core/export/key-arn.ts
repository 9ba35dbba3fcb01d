const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\//;

/** The region and account a key ARN names: the key's home, for `--region` and for telling outside accounts. Nulls for a bare id or alias. */
export function keyArnParts(key: string | null): { region: string | null; account: string | null } {
  const match = KEY_ARN.exec(key ?? '');
  return { region: match?.[1] ?? null, account: match?.[2] ?? null };
}
