import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests pass collectors, the bin passes process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal: tables fit its columns. Off a terminal (a pipe, a file, a test) nothing is cut. */
  stdoutIsTTY?: boolean;
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
  /**
   * How many words it takes besides options (a folder, an id), or a function of the words when that
   * depends on the first (an action and its id); unset: any number (filter terms).
   */
  maxPositionals?: number | ((positionals: readonly string[]) => number);
  /** Whether a run with these options reads an index: one chosen implicitly is then named on stderr. */
  readsIndex?: (options: CommandOptions) => boolean;
  /** Argument errors it can find before an index is chosen (and named): thrown as a UsageError. */
  checkArguments?: (positionals: string[], options: CommandOptions) => void;
  run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number>;
}

/** An argument error: the runner prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}

/** Runs `make`; what it throws (a value the user gave that cannot be used) becomes a usage error. */
export function asUsage<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
