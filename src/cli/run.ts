import { IndexDamagedError } from '../core/index/damage.js';
import { IndexOpenError } from '../core/index/open.js';
import { FilterSyntaxError } from '../core/query/filter-compile.js';
import { sanitizeForTerminal, sanitizeLines } from '../core/text/sanitize.js';
import { IndexBusyError } from '../indexer/writer-lock.js';
import { UsageError, type Command, type CommandIO, type CommandOptions } from './command.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { chooseReadingIndex, readingOptions } from './index-location.js';
import { parseCommandArgs } from './parse-command-args.js';

export function helpText(commands: readonly Command[]): string {
  const workbench = '[DIR] [--db PATH]';
  const width = Math.max(workbench.length, ...commands.map((command) => command.name.length));
  return [
    'keytrail: investigate AWS KMS key usage from CloudTrail logs',
    '',
    'Usage:',
    `  keytrail ${workbench.padEnd(width)}  open the workbench on DIR (indexes it, then follows new files)`,
    ...commands.map((command) => `  keytrail ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `keytrail help COMMAND` (or `keytrail COMMAND --help`) for a command\'s options; `keytrail help filters` for',
    'the filter syntax; `keytrail --version` for the version.',
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

/** Names the index on stderr when the command picked it without --db or --dir. */
function announceIndex(command: Command, options: CommandOptions, io: CommandIO): void {
  if (!command.readsIndex?.(options)) return;
  const chosen = readingOptions(options);
  if (chosen.db || chosen.dir) return;
  const index = chooseReadingIndex(chosen);
  if (!index.chosenBecause) return;
  io.stderr(`keytrail ${command.name}: reading ${sanitizeForTerminal(`${index.path} (${index.chosenBecause})`)}; --dir DIR picks another\n`);
}

/** The exit code for an error a command could not handle itself; anything unexpected is rethrown (a crash). */
function reportError(command: Command, error: unknown, io: CommandIO): number {
  // Messages quote what was typed (a path, a kind, a filter): escaped like any other text.
  const say = (text: string) => io.stderr(`keytrail ${command.name}: ${sanitizeLines(text)}\n`);
  if (error instanceof UsageError || error instanceof IndexOpenError) return (say(error.message), EXIT.usage);
  if (error instanceof FilterSyntaxError) return (say(`filter error\n${error.message}`), EXIT.usage);
  if (error instanceof IndexDamagedError) return (say(error.message), EXIT.problem);
  if (error instanceof IndexBusyError) return (say(error.message), EXIT.busy);
  throw error;
}

/** A word too many (a second folder, a glob's expansion, `rm 1 2`) is refused, not silently dropped. */
function checkPositionalCount(command: Command, positionals: readonly string[]): void {
  const max = typeof command.maxPositionals === 'function' ? command.maxPositionals(positionals) : command.maxPositionals;
  if (max === undefined || positionals.length <= max) return;
  const extra = positionals.slice(max).map((word) => `"${word}"`).join(' ');
  throw new UsageError(max === 0 ? `${command.name} takes no arguments, only options: ${extra}` : `unexpected argument${positionals.length - max > 1 ? 's' : ''} ${extra}`);
}

function isParseError(error: unknown): boolean {
  return error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true;
}

/** Runs one headless command and returns its exit code (see EXIT). */
export async function runCommand(command: Command, argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandArgs(argv, { ...command.options, help: { type: 'boolean', short: 'h' } });
    if (!parsed.values.help) checkPositionalCount(command, parsed.positionals);
  } catch (error) {
    if (!isParseError(error)) throw error;
    io.stderr(`keytrail ${command.name}: ${sanitizeLines((error as Error).message)}\n\n${command.usage}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout(`${command.usage}\n`);
    return EXIT.done;
  }
  try {
    command.checkArguments?.(parsed.positionals, parsed.values);
    announceIndex(command, parsed.values, io);
    return await command.run(parsed.positionals, parsed.values, io);
  } catch (error) {
    return reportError(command, error, io);
  }
}
