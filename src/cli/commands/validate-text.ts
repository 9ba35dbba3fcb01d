import { dirname } from 'node:path';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { plural } from '../../core/text/plural.js';
import { countByStatus } from '../../core/validate/summary.js';
import { type FileIntegrity, INTEGRITY_STATUSES, type ValidationReport, type ValidationSummary } from '../../core/validate/types.js';

export type Verdict = 'failed' | 'incomplete' | 'verified';

/** The trail folder a log file was delivered to (AWSLogs/<account>/CloudTrail/<region>), without its date folders. */
function trailFolder(file: string): string {
  return dirname(file).replace(/\/\d{4}\/\d{2}\/\d{2}$/, '') || '.';
}

/**
 * Files no digest could speak for, one line per trail folder: with no digests (or few) these are
 * most of the tree, and a line per file would bury what needs attention.
 */
function unverifiableLines(files: readonly FileIntegrity[]): string[] {
  const byFolder = new Map<string, number>();
  for (const file of files) byFolder.set(trailFolder(file.file), (byFolder.get(trailFolder(file.file)) ?? 0) + 1);
  return [...byFolder].sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, count]) => `  ${'UNVERIFIABLE'.padEnd(17)} ${count.toLocaleString('en-US')} file(s) in ${sanitizeForTerminal(folder)}/`);
}

function fileLine(file: FileIntegrity): string {
  const judged = file.digest ? `\n      digest: ${sanitizeForTerminal(file.digest)}` : '';
  const range = file.oldestEventTime ? `\n      events: ${file.oldestEventTime} .. ${file.newestEventTime ?? '?'}` : '';
  return `  ${file.status.toUpperCase().padEnd(17)} ${sanitizeForTerminal(file.file)}\n      ${sanitizeForTerminal(file.reason)}${judged}${range}`;
}

function breakdown(files: readonly FileIntegrity[], kind: FileIntegrity['kind']): string {
  const counts = countByStatus(files.filter((file) => file.kind === kind));
  const parts = INTEGRITY_STATUSES.filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function signatureLine(summary: ValidationSummary): string {
  if (summary.publicKeys === 0) return 'NOT CHECKED (no usable --public-keys): the hash chain alone does not prove the files came from AWS';
  const unchecked = summary.signaturesUnchecked > 0 ? `; ${summary.signaturesUnchecked} could not be checked` : '';
  return `${summary.signaturesChecked} checked with ${plural(summary.publicKeys, 'public key')}${unchecked}`;
}

const VERDICT_LINES: Record<Verdict, string> = {
  failed: 'FAILED: files were modified, are missing, unlisted or badly signed',
  incomplete: 'INCOMPLETE: nothing found wrong, but not everything could be verified',
  verified: 'OK: every file matches its digest and every digest signature verified',
};

/** With no digest at all there is no chain and nothing was checked: said first, in a few lines. */
function noDigestLines(dir: string, summary: ValidationSummary): string[] {
  return [
    `Validated ${sanitizeForTerminal(dir)}: no CloudTrail digest files found, so nothing could be verified.`,
    `  Log files:  ${summary.logFiles.toLocaleString('en-US')}, none covered by a digest`,
    '  CloudTrail writes digests to AWSLogs/<account>/CloudTrail-Digest/<region>/ when the trail has log file',
    '  validation on: copy that folder beside the logs (aws s3 sync), then validate again.',
    `Result: INCOMPLETE: no digests, nothing verified`,
  ];
}

function summaryLines(dir: string, report: ValidationReport, verdict: Verdict): string[] {
  const { summary } = report;
  return [
    `Validated ${sanitizeForTerminal(dir)}`,
    `  Log files:  ${summary.logFiles}${breakdown(report.files, 'log')}`,
    `  Digests:    ${summary.digests}${breakdown(report.files, 'digest')}`,
    `  Chain:      ${summary.chainOk ? 'intact' : `BROKEN (${plural(summary.chainBreaks, 'break')}; see the digests below)`}`,
    `  Signatures: ${signatureLine(summary)}`,
    ...summary.notes.map((note) => `  Note: ${sanitizeForTerminal(note)}`),
    `Result: ${VERDICT_LINES[verdict]}`,
  ];
}

/** The report for a person: the summary, then what needs attention (every file with --all). */
export function validationText(dir: string, report: ValidationReport, verdict: Verdict, all: boolean): string {
  const lines = report.summary.digests === 0 ? noDigestLines(dir, report.summary) : summaryLines(dir, report, verdict);
  const listed = report.files.filter((file) => all || (file.status !== 'valid' && file.status !== 'unverifiable'));
  const unverifiable = all ? [] : unverifiableLines(report.files.filter((file) => file.status === 'unverifiable'));
  if (listed.length + unverifiable.length > 0) {
    lines.push('', all ? 'Files:' : 'Files needing attention (--all lists each file):', ...listed.map(fileLine), ...unverifiable);
  }
  return `${lines.join('\n')}\n`;
}
