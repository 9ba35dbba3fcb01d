/** Short forms of AWS names for narrow columns and sentences; the full values stay in the data. */

/** `user/Alice`, `assumed-role/app/i-0abc` from an IAM or STS ARN; anything else unchanged; '' for none. */
export function shortPrincipal(principal: string | null): string {
  if (!principal) return '';
  return /^arn:aws[a-z-]*:[a-z0-9-]+::\d{12}:(.+)$/.exec(principal)?.[1]
    ?? /^arn:aws[a-z-]*:(?:iam|sts)::\d*:(.+)$/.exec(principal)?.[1]
    ?? principal;
}

/** A key as short as still tells it apart: its first alias, else its key id. */
export function shortKeyName(key: { key: string | null; keyAliases: string[] }): string {
  if (key.keyAliases.length > 0) return key.keyAliases[0]!;
  if (!key.key) return '';
  return key.key.replace(/^arn:aws[a-z-]*:kms:[^:]*:\d*:key\//, '');
}
