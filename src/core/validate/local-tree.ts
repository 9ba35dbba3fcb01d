import path from 'node:path';
import { type AwsLogsLocation, locateInAwsLogs, logDeliveryTime } from './layout.js';
import { looksLikeDigest } from './sniff.js';
import { SIGNATURE_SIDECAR_SUFFIX } from './sidecar.js';
import { listFiles, reportPath } from './walk.js';

/** A file in a `CloudTrail/` folder: a log file, whatever its name says. */
export interface LocalLog {
  path: string;
  rel: string;
  /** `root|owner|region`: the digests of the same owner and region cover it. */
  coverageGroup: string;
  /** Delivery minute from the file name (epoch ms), null when the name carries none. */
  deliveredAt: number | null;
}

/** The local copy, sorted into what the validator treats differently. */
export interface LocalTree {
  dir: string;
  logs: LocalLog[];
  /** Digest files: everything in `CloudTrail-Digest/` folders plus digests found by content. */
  digestCandidates: { path: string; location: AwsLogsLocation | null }[];
  /** Absolute paths of every regular file, for "is it present locally" questions. */
  present: Set<string>;
}

export function coverageGroup(root: string, owner: string, region: string | null): string {
  return `${root}|${owner}|${region ?? ''}`;
}

/** Walks `dir` and classifies files by where they sit and, outside the layout, by content. */
export async function scanLocalTree(dir: string): Promise<LocalTree> {
  const files = await listFiles(dir);
  const tree: LocalTree = { dir: path.resolve(dir), logs: [], digestCandidates: [], present: new Set(files) };
  for (const file of files) {
    if (file.endsWith(SIGNATURE_SIDECAR_SUFFIX)) continue;
    const location = locateInAwsLogs(file);
    if (location?.folder === 'CloudTrail') {
      tree.logs.push({
        path: file,
        rel: reportPath(dir, file),
        coverageGroup: coverageGroup(location.root, location.owner, location.region),
        deliveredAt: logDeliveryTime(path.basename(file)),
      });
    } else if (location?.folder === 'CloudTrail-Digest' || (await looksLikeDigest(file))) {
      tree.digestCandidates.push({ path: file, location });
    }
  }
  return tree;
}
