import path from 'node:path';
import { digestChainId, localPathOf } from './layout.js';
import type { LocalDigest } from './local-digest.js';
import type { FileIntegrity } from './types.js';
import { reportPath } from './walk.js';

/** What walking the `previousDigest*` links between local digests found. */
export interface ChainAnalysis {
  /** The local digests that name a digest as their previous one (normally one). */
  successors: Map<LocalDigest, LocalDigest[]>;
  /** Digests whose content no longer matches the hash a later digest recorded. */
  modified: Map<LocalDigest, string>;
  /** Remarks per digest: chain start, restart, fork. */
  notes: Map<LocalDigest, string[]>;
  /** Digests named as previous by a later one but absent, inside the local span. */
  missing: FileIntegrity[];
  /** Discontinuities (missing digests, restarts, forks) for the summary. */
  breaks: string[];
  /** The latest digest of each chain: only its signature lives solely in S3 metadata. */
  newest: Set<LocalDigest>;
}

export function analyzeChains(dir: string, digests: LocalDigest[]): ChainAnalysis {
  const analysis: ChainAnalysis = {
    successors: new Map(),
    modified: new Map(),
    notes: new Map(),
    missing: [],
    breaks: [],
    newest: newestPerChain(digests),
  };
  const byLocation = new Map<string, LocalDigest>();
  for (const local of digests) if (!byLocation.has(local.at)) byLocation.set(local.at, local);
  const oldestEnd = oldestEndPerChain(digests);
  const reportedMissing = new Set<string>();
  for (const local of digests) {
    const digest = local.digest;
    if (!digest) continue;
    const hasOlder = (oldestEnd.get(chainOf(local)) ?? Infinity) <= Date.parse(digest.digestStartTime);
    if (digest.previousKey === null) {
      if (hasOlder) addBreak(analysis, local, 'starting digest: the chain restarted here (validation or logging was off before it)');
      continue;
    }
    const previousAt = localPathOf(local.root, digest.previousKey);
    const previous = byLocation.get(previousAt);
    if (previous) {
      linkTo(analysis, previous, local);
    } else if (!hasOlder) {
      addNote(analysis, local, 'oldest local digest of its chain; its previous digest is outside the local copy');
    } else if (!reportedMissing.has(previousAt)) {
      reportedMissing.add(previousAt);
      reportMissing(analysis, reportPath(dir, previousAt), local);
    }
  }
  for (const [previous, next] of analysis.successors) {
    if (next.length > 1) addBreak(analysis, previous, `named as previous digest by ${next.length} digests (the chain forks)`);
  }
  return analysis;
}

/** A digest the chain names but the local copy lacks: everything it listed is unknown. */
function reportMissing(analysis: ChainAnalysis, file: string, namedBy: LocalDigest): void {
  const before = namedBy.digest?.digestStartTime ?? 'it';
  analysis.missing.push({
    file,
    kind: 'digest',
    status: 'digest-missing',
    digest: namedBy.rel,
    reason: `named as previous digest by a later digest but not in the local copy; log files delivered before ${before} that it listed cannot be checked`,
  });
  analysis.breaks.push(`digest ${file} is missing from the chain`);
}

/** Records the link and checks the previous digest's content against the recorded hash. */
function linkTo(analysis: ChainAnalysis, previous: LocalDigest, next: LocalDigest): void {
  analysis.successors.set(previous, [...(analysis.successors.get(previous) ?? []), next]);
  const recorded = next.digest?.previousDigestHashValue;
  const algorithm = next.digest?.previousDigestHashAlgorithm;
  if (algorithm !== 'SHA-256') {
    addNote(analysis, previous, 'the next digest records its hash with an unsupported algorithm; not compared');
  } else if (previous.sha256 !== null && previous.sha256 !== recorded) {
    analysis.modified.set(previous, `its SHA-256 does not match the previousDigestHashValue recorded by the next digest (${path.basename(next.path)})`);
  }
}

function addNote(analysis: ChainAnalysis, local: LocalDigest, note: string): void {
  analysis.notes.set(local, [...(analysis.notes.get(local) ?? []), note]);
}

function addBreak(analysis: ChainAnalysis, local: LocalDigest, note: string): void {
  addNote(analysis, local, note);
  analysis.breaks.push(`${local.rel}: ${note}`);
}

function chainOf(local: LocalDigest): string {
  return `${local.root}|${digestChainId(local.digest?.key ?? local.at)}`;
}

function newestPerChain(digests: LocalDigest[]): Set<LocalDigest> {
  const newest = new Map<string, LocalDigest>();
  for (const local of digests) {
    if (!local.digest) continue;
    const current = newest.get(chainOf(local))?.digest;
    if (!current || Date.parse(current.digestEndTime) < Date.parse(local.digest.digestEndTime)) newest.set(chainOf(local), local);
  }
  return new Set(newest.values());
}

/** Earliest digestEndTime per chain: a digest with an older one in its chain is not the chain's start. */
function oldestEndPerChain(digests: LocalDigest[]): Map<string, number> {
  const oldest = new Map<string, number>();
  for (const local of digests) {
    if (!local.digest) continue;
    const end = Date.parse(local.digest.digestEndTime);
    const chain = chainOf(local);
    oldest.set(chain, Math.min(end, oldest.get(chain) ?? Infinity));
  }
  return oldest;
}
