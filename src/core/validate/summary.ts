import { type FileIntegrity, INTEGRITY_STATUSES, type StatusCounts, type ValidationSummary } from './types.js';

export interface SummaryFacts {
  digests: number;
  chainBreaks: string[];
  signatureOutcomes: readonly ('verified' | 'invalid' | 'unchecked')[];
  publicKeys: number;
  keyProblems: readonly string[];
}

export function countByStatus(files: readonly FileIntegrity[]): StatusCounts {
  const counts = Object.fromEntries(INTEGRITY_STATUSES.map((status) => [status, 0])) as StatusCounts;
  for (const file of files) counts[file.status] += 1;
  return counts;
}

export function summarize(files: readonly FileIntegrity[], facts: SummaryFacts): ValidationSummary {
  const counts = countByStatus(files);
  const malformedDigests = files.filter((file) => file.kind === 'digest' && file.status === 'malformed').length;
  return {
    ...counts,
    logFiles: files.filter((file) => file.kind === 'log').length,
    digests: facts.digests,
    chainOk: facts.chainBreaks.length === 0 && counts['digest-modified'] === 0 && malformedDigests === 0,
    chainBreaks: facts.chainBreaks.length,
    signaturesChecked: facts.signatureOutcomes.filter((outcome) => outcome !== 'unchecked').length,
    signaturesUnchecked: facts.signatureOutcomes.filter((outcome) => outcome === 'unchecked').length,
    publicKeys: facts.publicKeys,
    notes: [...facts.keyProblems, ...facts.chainBreaks],
  };
}

/** True only when every file is valid and every digest's signature was verified. */
export function isFullyVerified(summary: ValidationSummary): boolean {
  const notValid = INTEGRITY_STATUSES.filter((status) => status !== 'valid').some((status) => summary[status] > 0);
  return !notValid && summary.signaturesUnchecked === 0;
}
