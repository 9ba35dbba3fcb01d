/**
 * CloudTrail names each S3 delivery file with the minute it was delivered:
 * `<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<random>.json.gz` (account and organization
 * trails alike). Other files (CloudWatch exports, lookup-events dumps, digests) have no
 * delivery time in their names.
 */
const DELIVERY_NAME = /^\d{12}_CloudTrail_[a-z0-9-]+_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[^/]+$/;

/** The delivery time (epoch ms) a file's name gives, or null when it gives none or an impossible one (month 13, 25:00). */
export function deliveryTime(relativePath: string): number | null {
  const match = DELIVERY_NAME.exec(relativePath.slice(relativePath.lastIndexOf('/') + 1));
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls an impossible date over (Feb 30 -> Mar 2): only one that reads back the same is real.
  const back = new Date(time);
  const real = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day
    && back.getUTCHours() === hour && back.getUTCMinutes() === minute;
  return real ? time : null;
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
  keyed.sort((left, right) => right.time - left.time || (left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
  return keyed.map((entry) => entry.file);
}
