import { parseFilter } from '../../core/query/filter-parse.js';

/** A filter value as the parser reads it back: quoted when it holds blanks or quotes. */
export function quoteValue(value: string): string {
  if (value.length > 0 && !/[\s"]/.test(value)) return value;
  return `"${value.replace(/["\\]/g, (ch) => `\\${ch}`)}"`;
}

export function term(field: string, value: string): string {
  return `${field}:${quoteValue(value)}`;
}

/** Fields where a second value narrows further (two context pairs) instead of replacing the first. */
const ADDITIVE_FIELDS = new Set(['ctx', 'text']);

/**
 * The filter with `field:value` added. A positive term of the same field is
 * replaced (a second key would match nothing), so pivots move sideways naturally.
 */
export function withTerm(text: string, field: string, value: string): string {
  return withTerms(text, [[field, value]]);
}

export function withTerms(text: string, terms: Array<[field: string, value: string]>): string {
  const replaced = new Set(terms.map(([field]) => field).filter((field) => !ADDITIVE_FIELDS.has(field)));
  const pieces: string[] = [];
  let from = 0;
  for (const old of parseFilter(text).terms) {
    if (old.negate || !replaced.has(old.field.name)) continue;
    pieces.push(text.slice(from, old.start));
    from = old.end;
  }
  pieces.push(text.slice(from));
  const kept = pieces.map((piece) => piece.trim()).filter((piece) => piece.length > 0);
  const added = terms.map(([field, value]) => term(field, value));
  return [...kept, ...added].join(' ');
}

/** What actually runs: the breadcrumb's filter plus the quick toggles. */
export function effectiveFilter(text: string, toggles: { errorsOnly: boolean; hideService: boolean }): string {
  const parts = [text.trim()];
  if (toggles.errorsOnly) parts.push('error:*');
  if (toggles.hideService) parts.push('-actor:service');
  return parts.filter((part) => part.length > 0).join(' ');
}

/** The terms of a filter as written (`key:alias/x`, `-error:*`), for comparing two filters. */
function termTexts(text: string): string[] {
  return parseFilter(text).terms.map((found) => text.slice(found.start, found.end));
}

/**
 * How a typed filter follows the one before: `narrow` when it keeps every term of
 * `previous` (the label is then what it adds), else `replace` (the label is all of it).
 */
export function filterStep(previous: string, next: string): { kind: 'narrow' | 'replace'; label: string } {
  const before = termTexts(previous);
  const after = termTexts(next);
  const kept = new Set(after);
  if (!before.every((found) => kept.has(found))) return { kind: 'replace', label: next || 'all events' };
  const added = after.filter((found) => !before.includes(found));
  return { kind: 'narrow', label: added.join(' ') || next };
}
