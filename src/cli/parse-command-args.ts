import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CommandOptions } from './command.js';
import { nearestName } from '../core/text/nearest-name.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
type OptionSpec = OptionSpecs[string];

export interface ParsedCommandArgs {
  values: CommandOptions;
  positionals: string[];
}

function longName(arg: string): string {
  const equals = arg.indexOf('=');
  return equals === -1 ? arg.slice(2) : arg.slice(2, equals);
}

function shortOption(arg: string, options: OptionSpecs): [string, OptionSpec] | null {
  const entry = Object.entries(options).find(([, spec]) => spec.short === arg.slice(1));
  return entry ?? null;
}

function unknownOption(name: string, options: OptionSpecs): UsageError {
  // `export --json`: where the output format is an option's value, the flag other commands take names it.
  if (options['format']?.type === 'string' && ['json', 'md', 'markdown'].includes(name)) {
    return new UsageError(`unknown option --${name}; did you mean --format ${name === 'markdown' ? 'md' : name}?`);
  }
  const near = nearestName(name, Object.keys(options));
  return new UsageError(`unknown option --${name}${near ? `; did you mean --${near}?` : ''}`);
}

/**
 * Only the command's own options are options: a filter term may start with `-`
 * (`-actor:service` excludes) and is a positional, in order. An option's value is
 * taken as given even when it starts with `-` (`--limit -5` is then refused by the
 * option's own check, `--note "-- see above"` is kept). Unknown options are named
 * with the nearest known one.
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpecs): ParsedCommandArgs {
  const optionArgs: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let spec: OptionSpec | undefined;
    if (arg.startsWith('--')) {
      name = longName(arg);
      spec = options[name];
      if (!spec) throw unknownOption(name, options);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      const short = shortOption(arg, options);
      // A negated one-letter filter word reads as an option: say how to give it.
      if (!short) throw new UsageError(`unknown option ${arg} (a filter term that starts with - goes after --: -- ${arg})`);
      [name, spec] = short;
    } else {
      positionals.push(arg);
      continue;
    }
    if (spec.type === 'string' && !arg.includes('=')) {
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      optionArgs.push(`--${name}=${value}`);
      i++;
    } else {
      optionArgs.push(arg.startsWith('--') ? arg : `--${name}`);
    }
  }
  const { values } = parseArgs({ args: optionArgs, options, allowPositionals: false, strict: true });
  // No option here is a repeatable boolean, so a list is always of strings.
  return { values: values as CommandOptions, positionals };
}
