import { stat } from 'node:fs/promises';
import { type Command, type CommandIO, type CommandOptions, UsageError } from '../command.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { safeJson } from '../../core/text/safe-json.js';
import { isFullyVerified } from '../../core/validate/summary.js';
import {
  INTEGRITY_STATUSES,
  type IntegrityStatus,
  type ValidationReport,
  type ValidationSummary,
} from '../../core/validate/types.js';
import { validateTree } from '../../core/validate/validate-tree.js';
import { EXIT } from '../exit-codes.js';
import { chooseReadingIndex } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { storeIntegrity } from '../../core/validate/store.js';
import { validationText, type Verdict } from './validate-text.js';

/** Statuses that show tampering or loss: exit 1. Everything but proven (valid) and unprovable (unverifiable). */
const FAILING: readonly IntegrityStatus[] = INTEGRITY_STATUSES.filter((status) => status !== 'valid' && status !== 'unverifiable');

function verdictOf(summary: ValidationSummary): Verdict {
  if (FAILING.some((status) => summary[status] > 0)) return 'failed';
  return isFullyVerified(summary) ? 'verified' : 'incomplete';
}

function exitCodeFor(summary: ValidationSummary): number {
  return { failed: EXIT.problem, incomplete: EXIT.incomplete, verified: EXIT.done }[verdictOf(summary)];
}

export const validateCommand: Command = {
  name: 'validate',
  maxPositionals: 1,
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
    else io.stdout(validationText(dir, report, verdictOf(report.summary), options['all'] === true));
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

/** --db: the verdicts go into an existing index (a mistyped path is named, never created), under its writer lock. */
async function storeReport(dbPath: string, report: ValidationReport): Promise<void> {
  await withIndex(chooseReadingIndex({ db: dbPath }), 'write', (db) => storeIntegrity(db, report));
}

function writeJsonLines(report: ValidationReport, io: CommandIO): void {
  for (const file of report.files) io.stdout(`${safeJson(file)}\n`);
  io.stdout(`${safeJson({ summary: report.summary })}\n`);
}

