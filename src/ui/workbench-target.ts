import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/command.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';
import { assertOutsideLogDir, defaultIndexPath, lastIndex } from '../cli/index-location.js';

/** What the workbench opens: a folder to index and follow (dir) and its index, or an index alone. */
export interface WorkbenchTarget {
  dir: string | null;
  db: string;
  /** Why the folder cannot be indexed yet (missing, not a folder): shown in the workbench. */
  dirProblem: string | null;
}

export const WORKBENCH_USAGE = 'Usage: keytrail [DIR] [--db PATH]\n\n'
  + 'Opens the workbench on DIR: indexes it (progress in the status line), then follows new log files.\n'
  + 'With --db alone, opens that index without watching a folder. With neither, reopens the last folder.';

/** A folder not there yet is waited for (shown in the workbench); a file is refused before anything opens or is created. */
function dirProblem(dir: string): string | null {
  if (!existsSync(dir)) return `${dir} does not exist yet: waiting for it (create it and copy CloudTrail logs in, or q to quit).`;
  if (!statSync(dir).isDirectory()) throw new UsageError(`${sanitizeForTerminal(dir)} is not a folder: keytrail DIR takes a folder of CloudTrail logs`);
  return null;
}

/** Reads `[DIR] [--db PATH]`; throws UsageError for anything else. */
export function workbenchTarget(argv: string[]): WorkbenchTarget | 'help' {
  const { values, positionals } = parseArgs({ args: argv, options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError(`one folder at a time, not ${positionals.length}`);
  const given = positionals[0];
  if (given !== undefined) {
    const dir = resolve(given);
    const db = resolve(values.db ?? defaultIndexPath(dir));
    assertOutsideLogDir(db, dir);
    return { dir, db, dirProblem: dirProblem(dir) };
  }
  if (values.db) {
    if (!existsSync(values.db)) throw new UsageError(`no index at ${values.db}: run \`keytrail DIR\` or \`keytrail index DIR\` first`);
    return { dir: null, db: resolve(values.db), dirProblem: null };
  }
  const last = lastIndex();
  if (!last) throw new UsageError('which folder? Run `keytrail DIR` on a folder of CloudTrail logs (`keytrail --help` lists the commands).');
  return { dir: last.dir, db: last.db, dirProblem: dirProblem(last.dir) };
}
