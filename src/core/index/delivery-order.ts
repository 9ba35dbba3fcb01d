/**
 * CloudTrail names each S3 delivery file with the minute it was delivered:
 * `<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<random>.json.gz` (account and organization
 * trails alike). Other files (CloudWatch exports, lookup-events dumps, digests) have no
 * delivery time in their names.
 */
const DELIVERY_NAME = /^\d{12}_CloudTrail_[a-z0-9-]+_(\d{8}T\d{4})Z_[^/]+$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealMinute(year: number, month: number, day: number, hour: number, minute: number): boolean {
  const leapDay = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] as number) + leapDay && hour < 24 && minute < 60;
}

/** The delivery time (epoch ms) a file's name gives, or null when it gives none or an impossible one (month 13, 25:00). */
export function deliveryTime(relativePath: string): number | null {
  const match = DELIVERY_NAME.exec(relativePath.slice(relativePath.lastIndexOf('/') + 1));
  if (!match) return null;
  const stamp = match[1] as string;
  // Sliced by position: a tree walk asks this of every file, and these are fixed-width digits.
  const year = Number(stamp.slice(0, 4));
  const month = Number(stamp.slice(4, 6));
  const day = Number(stamp.slice(6, 8));
  const hour = Number(stamp.slice(9, 11));
  const minute = Number(stamp.slice(11, 13));
  // Date.UTC would roll an impossible date over (Nov 31 -> Dec 1): checked first.
  return isRealMinute(year, month, day, hour, minute) ? Date.UTC(year, month - 1, day, hour, minute) : null;
}

/** A delivery time as the JSON summaries give it, in CloudTrail's eventTime format: `2026-11-21T01:06:00Z`. */
export function deliveryTimeText(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/**
 * The order a first scan reads files in: newest delivery first, so the hour of an alert is
 * answerable first; files without a delivery time after those with one; ties by path, so
 * every run visits the same tree in the same order.
 */
export function newestDeliveryFirst(files: readonly string[]): string[] {
  const keyed = files.map((file) => ({ file, time: deliveryTime(file) ?? -Infinity }));
  keyed.sort((left, right) => (left.time !== right.time ? (right.time > left.time ? 1 : -1)
    : left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
  return keyed.map((entry) => entry.file);
}
