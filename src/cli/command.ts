import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests pass collectors, the bin passes process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Options as node:util parseArgs returns them. */
export type CommandOptions = Record<string, string | boolean | string[] | undefined>;

/**
 * One headless subcommand. `run` returns the process exit code; it never calls
 * process.exit itself so it can be tested in-process.
 */
export interface Command {
  name: string;
  /** One line for `keytrail --help`. */
  summary: string;
  /** Usage text shown by `keytrail NAME --help` and on argument errors. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number>;
}

/** An argument error: the runner prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}
