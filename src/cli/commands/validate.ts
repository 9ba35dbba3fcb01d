import { stat } from 'node:fs/promises';
import { type Command, type CommandIO, type CommandOptions, UsageError } from '../command.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { countByStatus, isFullyVerified } from '../../core/validate/summary.js';
import {
  type FileIntegrity,
  INTEGRITY_STATUSES,
  type IntegrityStatus,
  type ValidationReport,
  type ValidationSummary,
} from '../../core/validate/types.js';
import { validateTree } from '../../core/validate/validate-tree.js';

/** Statuses that show tampering or loss: exit 1. Everything but proven (valid) and unprovable (unverifiable). */
const FAILING: readonly IntegrityStatus[] = INTEGRITY_STATUSES.filter((status) => status !== 'valid' && status !== 'unverifiable');

const EXIT_VERIFIED = 0;
const EXIT_FAILED = 1;
/** Nothing found wrong, but not everything could be proven (unverifiable files, unchecked signatures). */
const EXIT_INCOMPLETE = 3;

export function exitCodeFor(summary: ValidationSummary): number {
  if (FAILING.some((status) => summary[status] > 0)) return EXIT_FAILED;
  return isFullyVerified(summary) ? EXIT_VERIFIED : EXIT_INCOMPLETE;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check CloudTrail log files against their digest files, offline',
  usage: [
    'keytrail validate DIR [--public-keys FILE]... [--json] [--db PATH] [--all]',
    '',
    '  --public-keys FILE  `aws cloudtrail list-public-keys` JSON, or a PEM/DER RSA key (repeatable)',
    '  --json              one JSON object per file, then {"summary": ...}',
    '  --db PATH           store the verdicts in the index database (table file_integrity)',
    '  --all               list valid files too',
    '',
    "The newest digest's signature is S3 metadata: save `aws s3api head-object` output for it",
    'next to it as <digest file>.sig to have it checked.',
    'Exit: 0 every file valid and every digest signature verified; 1 something modified, missing,',
    'not listed by a digest (not-covered), malformed or badly signed; 3 nothing wrong found but',
    'something could not be checked (unverifiable files, or no --public-keys); 2 usage error.',
  ].join('\n'),
  options: {
    'public-keys': { type: 'string', multiple: true },
    json: { type: 'boolean' },
    db: { type: 'string' },
    all: { type: 'boolean' },
  },
  async run(positionals, options, io) {
    const dir = await checkedDirectory(positionals);
    const publicKeys = await checkedKeyFiles(options['public-keys']);
    const report = await validateTree(dir, { publicKeys });
    if (typeof options['db'] === 'string') await storeReport(options['db'], report);
    if (options['json'] === true) writeJsonLines(report, io);
    else writeHuman(dir, report, options['all'] === true, io);
    return exitCodeFor(report.summary);
  },
};

async function checkedDirectory(positionals: string[]): Promise<string> {
  const [dir, ...extra] = positionals;
  if (dir === undefined || extra.length > 0) throw new UsageError('give exactly one directory to validate');
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`not a directory: ${sanitizeForTerminal(dir)}`);
  return dir;
}

async function checkedKeyFiles(value: CommandOptions[string]): Promise<string[]> {
  const files = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`public key file not found: ${sanitizeForTerminal(file)}`);
  }
  return files;
}

async function storeReport(dbPath: string, report: ValidationReport): Promise<void> {
  // Loaded only when asked for: the native module costs startup time.
  const [{ default: Database }, { storeIntegrity }] = await Promise.all([
    import('better-sqlite3'),
    import('../../core/validate/store.js'),
  ]);
  const db = new Database(dbPath);
  try {
    storeIntegrity(db, report);
  } finally {
    db.close();
  }
}

function writeJsonLines(report: ValidationReport, io: CommandIO): void {
  for (const file of report.files) io.stdout(`${terminalSafeJson(file)}\n`);
  io.stdout(`${terminalSafeJson({ summary: report.summary })}\n`);
}

/**
 * JSON.stringify escapes C0 controls but not DEL, C1 (e.g. U+009B, an 8-bit CSI) or
 * bidi overrides; escape those too so JSON piped to a terminal stays inert. Parsers
 * read the same strings back.
 */
function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function writeHuman(dir: string, report: ValidationReport, all: boolean, io: CommandIO): void {
  const { summary } = report;
  const lines = [
    `Validated ${sanitizeForTerminal(dir)}`,
    `  Log files:  ${summary.logFiles}${breakdown(report.files, 'log')}`,
    `  Digests:    ${summary.digests}${breakdown(report.files, 'digest')}`,
    `  Chain:      ${summary.chainOk ? 'intact' : `BROKEN (${plural(summary.chainBreaks, 'break')}; see the digests below)`}`,
    `  Signatures: ${signatureLine(summary)}`,
    ...summary.notes.map((note) => `  Note: ${sanitizeForTerminal(note)}`),
    `Result: ${verdictLine(summary)}`,
  ];
  const listed = report.files.filter((file) => all || file.status !== 'valid');
  if (listed.length > 0) lines.push('', all ? 'Files:' : 'Files needing attention:', ...listed.map(fileLine));
  io.stdout(`${lines.join('\n')}\n`);
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

function verdictLine(summary: ValidationSummary): string {
  const code = exitCodeFor(summary);
  if (code === EXIT_FAILED) return 'FAILED: files were modified, are missing, unlisted or badly signed';
  if (code === EXIT_INCOMPLETE) return 'INCOMPLETE: nothing found wrong, but not everything could be verified';
  return 'OK: every file matches its digest and every digest signature verified';
}

function fileLine(file: FileIntegrity): string {
  const judged = file.digest ? `\n      digest: ${sanitizeForTerminal(file.digest)}` : '';
  const range = file.oldestEventTime ? `\n      events: ${file.oldestEventTime} .. ${file.newestEventTime ?? '?'}` : '';
  return `  ${file.status.toUpperCase().padEnd(17)} ${sanitizeForTerminal(file.file)}\n      ${sanitizeForTerminal(file.reason)}${judged}${range}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
