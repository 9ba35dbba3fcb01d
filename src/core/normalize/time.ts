/**
 * CloudTrail times in the wild: `2024-01-15T14:32:10Z`, fractional seconds, a space
 * instead of `T`, `+11:00` offsets (lookup-events), a doubled `TT`, and placeholders
 * such as `"..."` or `"eventTime"`. Returns epoch milliseconds, or null when the
 * value is not a time: the event is kept and shown as having no time.
 */
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ]+(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;

export function parseEventTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? normaliseEpoch(value) : null;
  if (typeof value !== 'string') return null;
  const match = ISO_LIKE.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  if (!Number.isFinite(utc) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59) return null;
  return utc - zoneOffsetMillis(zone);
}

function zoneOffsetMillis(zone: string): number {
  if (/^(Z|UTC)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Seconds or milliseconds since the epoch (CloudWatch timestamps are milliseconds). */
function normaliseEpoch(value: number): number {
  return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
}

/** ISO 8601 UTC with second precision, or null for an unknown time. */
export function formatTime(epochMillis: number | null): string | null {
  if (epochMillis === null || epochMillis <= 0) return null;
  return new Date(epochMillis).toISOString().replace('.000Z', 'Z');
}
