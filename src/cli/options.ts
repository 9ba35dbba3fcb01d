import { UsageError, type CommandOptions } from './command.js';

/** Shared option shapes, so every command spells them the same way. */
export const DB_OPTION = { db: { type: 'string' } } as const;
export const JSON_OPTION = { json: { type: 'boolean' } } as const;

export function stringOption(options: CommandOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function integerOption(options: CommandOptions, name: string, fallback: number): number {
  const value = stringOption(options, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return number;
}

export function requirePositional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}
