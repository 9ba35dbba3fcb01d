import { isObject, type JsonObject } from '../parse/classify.js';

/** A string field, or null; numbers and booleans are kept as their text. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** `readOnly` arrives as a boolean or as the strings "true"/"false". */
export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** An object field that may arrive JSON-encoded as a string (type drift in the wild). */
export function objectField(value: unknown): JsonObject | null {
  if (isObject(value)) return value;
  if (typeof value === 'string' && value.startsWith('{') && value.length < 1_000_000) {
    try {
      const parsed = JSON.parse(value) as unknown;
      return isObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function arrayField(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `items` lists as EC2 writes them: `{ items: [...] }`. */
export function ec2Items(value: unknown): JsonObject[] {
  const container = objectField(value);
  return arrayField(container?.items).filter(isObject);
}
