import { hash } from 'node:crypto';

/**
 * A record as canonical JSON: object keys sorted at every level, no spacing. The org trail's
 * copy and an account trail's copy of one event can differ in key order and spacing and
 * still be the same content.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const parts = Object.keys(object).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  return `{${parts.join(',')}}`;
}

/**
 * SHA-256 (hex) of a record's canonical JSON: equal exactly when the contents are equal.
 * A record nested too deep to walk (hostile input) is hashed as its text.
 */
export function contentHash(value: unknown, raw: string): string {
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch {
    canonical = raw;
  }
  return hash('sha256', canonical, 'hex');
}
