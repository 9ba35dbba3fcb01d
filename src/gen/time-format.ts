/** Time as CloudTrail writes it. All times in src/gen are epoch milliseconds, UTC. */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// The bench formats a million times; Date#toISOString per call shows in profiles.
const minutePrefixes = new Map<number, string>();

/** `2026-11-21T02:14:05Z`: CloudTrail's eventTime has no fraction. */
export function isoSeconds(time: number): string {
  const minute = Math.floor(time / MINUTE);
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    if (minutePrefixes.size > 100_000) minutePrefixes.clear();
    prefix = new Date(minute * MINUTE).toISOString().slice(0, 17);
    minutePrefixes.set(minute, prefix);
  }
  const second = Math.floor((time - minute * MINUTE) / SECOND);
  return `${prefix}${second < 10 ? '0' : ''}${second}Z`;
}

/** `20261121T0215Z`, the delivery stamp in a log file name. */
export function deliveryStamp(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/** `2026/11/21`, the date folders of the S3 layout. */
export function datePath(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
}

export function floorTo(time: number, unit: number): number {
  return time - (time % unit);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 28, 2026, 3:40:12 AM`: how KMS writes dates inside responseElements. */
export function kmsResponseDate(time: number): string {
  const date = new Date(time);
  const hours = date.getUTCHours();
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${clock} ${hours < 12 ? 'AM' : 'PM'}`;
}

const pad = (value: number): string => String(value).padStart(2, '0');
