import { keyParts } from './layout.js';
import type { LocalDigest } from './local-digest.js';
import { coverageGroup, type LocalLog } from './local-tree.js';
import type { FileIntegrity } from './types.js';

const MINUTE = 60_000;
/**
 * A log named shortly before the end of the local digests' coverage may have been
 * delivered after it and be listed by the next digest, which is not in the local copy.
 */
const DELIVERY_GRACE = 5 * MINUTE;

interface Window {
  start: number;
  end: number;
  digest: string;
}

/**
 * Local log files that no digest lists. When the digests of the same owner and region
 * cover the file's delivery minute, the file should have been listed: `not-covered`
 * (injected, or delivered while validation was off). Otherwise nothing vouches for it:
 * `unverifiable`.
 */
export function judgeUnlistedLogs(
  logs: readonly LocalLog[],
  digests: readonly LocalDigest[],
  listed: ReadonlySet<string>,
): FileIntegrity[] {
  const coverage = coverageWindows(digests);
  return logs
    .filter((log) => !listed.has(log.path))
    .map((log) => {
      const base = { file: log.rel, kind: 'log' as const };
      if (log.deliveredAt === null) {
        return { ...base, status: 'unverifiable', digest: null, reason: 'no digest lists it and its name carries no delivery time' };
      }
      const delivered = new Date(log.deliveredAt).toISOString().replace(/:00\.000Z$/, 'Z');
      const windows = coverage.get(log.coverageGroup) ?? [];
      const coveredBy = coveringDigest(windows, log.deliveredAt);
      if (coveredBy === null) {
        const reason = `no digest lists it and no local digest covers its delivery time ${delivered}; it cannot be checked`;
        return { ...base, status: 'unverifiable', digest: null, reason };
      }
      const reason = `no digest lists it, although local digests cover its delivery time ${delivered} (injected, or delivered while validation was off)`;
      return { ...base, status: 'not-covered', digest: coveredBy, reason };
    });
}

/** Digest time windows per coverage group, sorted by start. */
function coverageWindows(digests: readonly LocalDigest[]): Map<string, Window[]> {
  const groups = new Map<string, Window[]>();
  for (const local of digests) {
    const parts = local.digest && keyParts(local.digest.key);
    if (!local.digest || !parts) continue;
    const group = coverageGroup(local.root, parts.owner, parts.region);
    const window = { start: Date.parse(local.digest.digestStartTime), end: Date.parse(local.digest.digestEndTime), digest: local.rel };
    const windows = groups.get(group);
    if (windows) windows.push(window);
    else groups.set(group, [window]);
  }
  for (const windows of groups.values()) windows.sort((a, b) => a.start - b.start);
  return groups;
}

/**
 * The digest whose window holds the delivery minute, provided the whole minute (plus
 * the grace) lies inside one contiguous run of digest windows; else null.
 */
function coveringDigest(windows: readonly Window[], deliveredAt: number): string | null {
  let runStart = Number.NaN;
  let runEnd = Number.NaN;
  let holder: string | null = null;
  for (const window of windows) {
    if (!(window.start <= runEnd)) [runStart, runEnd, holder] = [window.start, window.end, null];
    runEnd = Math.max(runEnd, window.end);
    if (holder === null && window.start <= deliveredAt && deliveredAt < window.end) holder = window.digest;
    const inRun = runStart <= deliveredAt && deliveredAt + MINUTE + DELIVERY_GRACE <= runEnd;
    if (holder !== null && inRun) return holder;
  }
  return null;
}
