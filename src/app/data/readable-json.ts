import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';

/** A string field that carries JSON itself (a key policy, lookup-events' CloudTrailEvent): its parsed object, else null. */
function embeddedJson(value: string): unknown {
  const text = value.trim();
  if (!(text.startsWith('{') && text.endsWith('}')) && !(text.startsWith('[') && text.endsWith(']'))) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The value with JSON carried in strings parsed in place, at any depth, so it indents like the rest. */
function expand(value: unknown): unknown {
  if (typeof value === 'string') {
    const inner = embeddedJson(value);
    return inner === null ? value : expand(inner);
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, expand(inner)]));
  return value;
}

/**
 * A raw record as a person reads it: indented JSON, with JSON embedded in string
 * fields indented too (it reads as an object, not one escaped line). Escaped for a
 * terminal like every JSON the workbench shows; a record that is not JSON comes back sanitized.
 */
export function readableJson(raw: string): string {
  try {
    return safeJson(expand(JSON.parse(raw)), 2);
  } catch {
    return sanitizeForTerminal(raw);
  }
}
