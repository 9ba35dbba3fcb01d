import { parseArgs } from 'node:util';
import { IndexOpenError } from '../core/index/open.js';
import { FilterSyntaxError } from '../core/query/filter-compile.js';
import { UsageError, type Command, type CommandIO } from './command.js';

export const VERSION = '0.1.0';

export function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'keytrail: investigate AWS KMS key usage from CloudTrail logs',
    '',
    'Usage:',
    '  keytrail [DIR] [--db PATH]     open the workbench on DIR (indexes it, then follows new files)',
    ...commands.map((command) => `  keytrail ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `keytrail COMMAND --help` for a command\'s options. Filter syntax: `keytrail help filters`.',
  ].join('\n');
}

/**
 * Runs one headless command and returns its exit code: 0 done, 1 the command's own
 * "found a problem" code, 2 usage errors.
 */
export async function runCommand(command: Command, argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`keytrail ${command.name}: ${(error as Error).message}\n\n${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(parsed.positionals, parsed.values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`keytrail ${command.name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof IndexOpenError) {
      io.stderr(`keytrail ${command.name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof FilterSyntaxError) {
      io.stderr(`keytrail ${command.name}: filter error\n${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
