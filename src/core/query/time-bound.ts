import { parseEventTime } from '../normalize/time.js';

const AGE = /^(\d+)\s*(s|m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** A typed date that names no day (2026-11-31, 2026-02-29) would roll over into the next month: say so instead. */
function missingDay(value: string): string | null {
  const date = DATE_PREFIX.exec(value.trim());
  if (!date) return null;
  const [, year, month, day] = date.map(Number) as [number, number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  const exists = month >= 1 && month <= 12 && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
  return exists ? null : `"${date[0]}" is not a day of the calendar`;
}

/** `-since:` would read as "not after": a bound is written as the other bound instead. */
export function negatedBoundError(field: string, bound: 'since' | 'until'): string {
  return `-${field}: a time bound cannot be negated; write ${bound === 'since' ? 'until' : 'since'}: for the other side`;
}

/**
 * `since:`/`until:` values: an age (`2h` = two hours before now) or a UTC time
 * (`2026-11-21T03:00Z`, `2026-11-21 03:00`). A bare date as `until` means the end
 * of that day. Returns epoch ms: since is inclusive, until exclusive.
 */
export function parseTimeBound(value: string, bound: 'since' | 'until', now: number): { time: number } | { error: string } {
  const age = AGE.exec(value);
  if (age) return { time: now - Number(age[1]) * UNIT_MS[age[2]!.toLowerCase()]! };
  const notADay = missingDay(value);
  if (notADay) return { error: notADay };
  if (DATE_ONLY.test(value)) {
    const midnight = parseEventTime(`${value}T00:00:00Z`);
    if (midnight === null) return { error: `"${value}" is not a date` };
    return { time: bound === 'until' ? midnight + UNIT_MS.d! : midnight };
  }
  const time = parseEventTime(value);
  if (time === null) return { error: `"${value}" is neither an age (2h, 30m, 7d) nor a UTC time (2026-11-21T03:00Z)` };
  return { time: bound === 'until' ? time + 1 : time };
}
