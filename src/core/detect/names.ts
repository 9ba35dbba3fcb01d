import { KeyNames } from '../query/key-names.js';
import { textOfSql } from '../index/text-sql.js';
import { HUMAN_CALL_SQL } from './event-kinds.js';
import { shortPrincipal as shortPrincipalName } from '../text/short-names.js';

/**
 * Who a baseline is about: a person's own principal, but a workload's role (its sessions,
 * named after instances or tasks, come and go). SQL over `events e`.
 */
export const SUBJECT_ID_SQL = `(CASE WHEN ${HUMAN_CALL_SQL} OR e.role_id IS NULL THEN e.principal_id ELSE e.role_id END)`;

/** The same as text. */
export const SUBJECT_SQL = textOfSql(SUBJECT_ID_SQL);

const KEY_ACCOUNT = /^arn:aws[a-z-]*:kms:[^:]*:(\d{12}):/;

/** The account that owns a key, when its ARN was seen. */
export function keyAccount(keys: KeyNames, keyRef: string | null): string | null {
  if (!keyRef) return null;
  return KEY_ACCOUNT.exec(keys.resolve(keyRef).display)?.[1] ?? null;
}

/** A principal as a sentence names it: `user/deploy-bot`, `assumed-role/app-server/i-0abc`. */
export function shortPrincipal(principal: string | null): string {
  return shortPrincipalName(principal) || 'an unknown caller';
}

/** A key as a sentence names it: its alias (and its other aliases), else its key id. */
export function shortKey(keys: KeyNames, keyRef: string | null): string {
  if (!keyRef) return 'an unknown key';
  const name = keys.resolve(keyRef);
  return name.aliases.length > 0 ? aliasList(name.aliases) : name.keyId ?? name.display;
}

/** `alias/a`, or `alias/a (also alias/b, alias/c)`. */
function aliasList([first, ...others]: readonly string[]): string {
  return others.length > 0 ? `${first} (also ${others.join(', ')})` : first!;
}

/**
 * A key as a sentence about one call names it: by the aliases that named it then, else by its id with
 * the aliases it had before or after (`created 1234abcd-... (later alias/reports)`: the caller made the
 * key, not the alias; `scheduled 1234abcd-... (formerly alias/prod)`: the alias had been moved away).
 */
export function shortKeyAt(keys: KeyNames, keyRef: string | null, time: number | null): string {
  if (!keyRef || time === null) return shortKey(keys, keyRef);
  const { then, before, after } = keys.aliasesAround(keyRef, time);
  if (then.length > 0) return aliasList(then);
  const name = keys.resolve(keyRef);
  const others = [before.length > 0 ? `formerly ${before.join(', ')}` : '', after.length > 0 ? `later ${after.join(', ')}` : ''].filter(Boolean);
  if (name.keyId === null || others.length === 0) return name.keyId ?? name.display;
  return `${name.keyId} (${others.join('; ')})`;
}

/** `*` wildcards, whole-value match, case-sensitive (ARNs are). */
export function matchesPattern(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

/** `4m 30s`, `2h 20m`, `3d 4h`: a span as a responder reads it. */
export function formatDuration(millis: number): string {
  const seconds = Math.round(millis / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** `AccessDenied ×10, IncorrectKeyException ×6`: most frequent first. */
export function countsText(values: Array<string | null>): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value ?? '(none)', (counts.get(value ?? '(none)') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => `${value} ×${count}`).join(', ');
}
