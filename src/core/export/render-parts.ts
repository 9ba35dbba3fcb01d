import { shortPrincipal } from '../text/short-names.js';
export { plural } from '../text/plural.js';
import { codeSpan, markdownText } from './markdown-text.js';
import type { Tally } from './report.js';

/** Shared pieces of the note's markdown: every log value goes through codeSpan here. */

/** `2026-11-21T02:14:00Z to 02:18:22Z`: the date is not repeated when both ends share it. */
export function timeSpan(from: string | null, to: string | null): string {
  if (!from) return 'no time';
  if (!to || to === from) return from;
  return `${from} to ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to}`;
}

/** How long a window lasted, to the minute: `2 h 21 min`. */
export function duration(from: string, to: string): string {
  const minutes = Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} h ${minutes % 60} min`;
}

/** A principal in a sentence: the short form (`user/deploy-bot`), the full ARN being in the indicators. */
export function principalCode(principal: string | null): string {
  return codeSpan(shortPrincipal(principal) || principal || 'unknown principal');
}

/** A key by its first alias, else its ARN or id. */
export function keyCode(key: string | null, aliases: readonly string[]): string {
  return codeSpan(aliases[0] ?? key ?? 'no key');
}

/** `` `a` (3), `b` (1) ``, at most `limit`, with how many more. */
export function tallyCodes(entries: readonly Tally[], limit = 8): string {
  if (entries.length === 0) return 'none';
  const shown = entries.slice(0, limit).map((entry) => `${codeSpan(entry.value)} (${entry.count.toLocaleString('en-US')})`);
  return entries.length > limit ? `${shown.join(', ')} and ${entries.length - limit} more` : shown.join(', ');
}

/** How many call names or error codes a list names before it counts the rest: log values, so there may be thousands. */
const OPERATIONS_SHOWN = 8;

/** `Decrypt ×18, CreateGrant`: call names and error codes are log text, escaped (plain names need no escape). */
export function operationCounts(entries: readonly Tally[]): string {
  const shown = entries.slice(0, OPERATIONS_SHOWN).map((entry) => `${markdownText(entry.value)}${entry.count > 1 ? ` ×${entry.count.toLocaleString('en-US')}` : ''}`);
  return entries.length > OPERATIONS_SHOWN ? `${shown.join(', ')} and ${entries.length - OPERATIONS_SHOWN} more` : shown.join(', ');
}

export function codeList(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.map(codeSpan).join(', ');
}
