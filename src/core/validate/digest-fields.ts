/**
 * Field checks for digest JSON. A digest is attacker-reachable input: each check names
 * the field that failed and never echoes the value.
 */

export type Json = Record<string, unknown>;

/** The timestamp form CloudTrail writes: `2015-08-17T14:01:31Z` (fractional seconds tolerated). */
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export class FieldError extends Error {}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field must exist (CloudTrail always writes every key, null where it has no value). */
function present(object: Json, field: string, where: string): unknown {
  if (!(field in object)) throw new FieldError(`${where}${field} is missing`);
  return object[field];
}

export function text(object: Json, field: string, where = ''): string {
  const value = present(object, field, where);
  if (typeof value !== 'string' || value === '') throw new FieldError(`${where}${field} is not a non-empty string`);
  return value;
}

export function textOrNull(object: Json, field: string, where = ''): string | null {
  return present(object, field, where) === null ? null : text(object, field, where);
}

export function timestamp(object: Json, field: string, where = ''): string {
  const value = text(object, field, where);
  if (!UTC_TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw new FieldError(`${where}${field} is not a UTC timestamp like 2015-08-17T14:01:31Z`);
  }
  return value;
}

export function timestampOrNull(object: Json, field: string, where = ''): string | null {
  return present(object, field, where) === null ? null : timestamp(object, field, where);
}

export function hex(object: Json, field: string, where = ''): string {
  const value = text(object, field, where);
  if (!HEX.test(value)) throw new FieldError(`${where}${field} is not a hex string`);
  return value.toLowerCase();
}

export function hexOrNull(object: Json, field: string, where = ''): string | null {
  return present(object, field, where) === null ? null : hex(object, field, where);
}

export function sha256Hex(object: Json, field: string, where = ''): string {
  const value = text(object, field, where);
  if (!SHA256_HEX.test(value)) throw new FieldError(`${where}${field} is not a 64-digit hex SHA-256`);
  return value.toLowerCase();
}

export function sha256HexOrNull(object: Json, field: string, where = ''): string | null {
  return present(object, field, where) === null ? null : sha256Hex(object, field, where);
}
