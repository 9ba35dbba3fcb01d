import { analyzeChains } from './chain.js';
import { judgeDigest } from './digest-verdict.js';
import { judgeListedLogs } from './listed-logs.js';
import { loadDigest } from './local-digest.js';
import { scanLocalTree } from './local-tree.js';
import { mapWithConcurrency } from './pool.js';
import { loadPublicKeys } from './public-keys.js';
import { summarize } from './summary.js';
import type { FileIntegrity, ValidateOptions, ValidationReport } from './types.js';
import { judgeUnlistedLogs } from './unlisted-logs.js';

const DEFAULT_CONCURRENCY = 8;

/**
 * Validates a local copy of CloudTrail logs and digests offline: each log
 * file against the digest that lists it, unlisted and missing files, the digest hash
 * chain, and signatures when public keys are supplied. Only reads under `dir`; a
 * malformed file becomes a report entry, never an exception.
 */
export async function validateTree(dir: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const tree = await scanLocalTree(dir);
  const keys = options.publicKeys?.length ? await loadPublicKeys(options.publicKeys) : null;
  const digests = await mapWithConcurrency(tree.digestCandidates, concurrency, (candidate) =>
    loadDigest(tree.dir, candidate),
  );
  const chain = analyzeChains(tree.dir, digests);
  const digestVerdicts = await mapWithConcurrency(digests, concurrency, (local) =>
    judgeDigest(local, chain, keys, tree.present),
  );
  const listed = await judgeListedLogs(tree.dir, digests, tree.present, concurrency);
  const unlisted = judgeUnlistedLogs(tree.logs, digests, listed.listed);
  const files = [...digestVerdicts.map((verdict) => verdict.file), ...chain.missing, ...listed.results, ...unlisted];
  files.sort(byPath);
  const summary = summarize(files, {
    digests: digests.length,
    chainBreaks: chain.breaks,
    signatureOutcomes: digestVerdicts.map((verdict) => verdict.signature),
    publicKeys: keys?.count ?? 0,
    keyProblems: keys?.problems ?? [],
  });
  return { files, summary };
}

function byPath(a: FileIntegrity, b: FileIntegrity): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
