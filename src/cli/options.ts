import { UsageError, type CommandOptions } from './command.js';

/** Shared option shapes, so every command spells them the same way. */
export const DB_OPTION = { db: { type: 'string' } } as const;
export const JSON_OPTION = { json: { type: 'boolean' } } as const;
export const CSV_OPTION = { csv: { type: 'boolean' } } as const;

/** The one output format asked for among `formats` (boolean options), or 'table'; two at once is a usage error. */
export function oneOutputFormat<Format extends string>(options: CommandOptions, formats: readonly Format[]): Format | 'table' {
  const given = formats.filter((format) => options[format] === true);
  if (given.length > 1) throw new UsageError(`choose one of ${given.map((format) => `--${format}`).join(', ')}`);
  return given[0] ?? 'table';
}

export function stringOption(options: CommandOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function integerOption(options: CommandOptions, name: string, fallback: number): number {
  const value = stringOption(options, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) throw new UsageError(`--${name} takes a whole number, 0 or more, not "${value}"`);
  return number;
}

export function requirePositional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}
