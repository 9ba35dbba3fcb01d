import { EVENT_KINDS } from '../../core/normalize/event-kind.js';
import { FILTER_FIELDS, FIELD_BY_NAME } from '../../core/query/filter-fields.js';
import type { WorkbenchData } from './workbench-data.js';
import { quoteValue } from './filter-text.js';

/** The word being completed: where it starts in the text and what has been typed of it. */
interface Token {
  start: number;
  typed: string;
}

const ACTORS = ['service', 'human', 'workload', 'unknown'];
const LIMIT = 12;

function tokenAt(text: string, cursor: number): Token {
  const before = text.slice(0, cursor);
  const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  return { start, typed: before.slice(start) };
}

function valueCandidates(data: WorkbenchData | null, fieldName: string, typed: string): string[] {
  const field = FIELD_BY_NAME.get(fieldName);
  if (!field) return [];
  if (field.name === 'actor') return ACTORS.filter((actor) => actor.startsWith(typed));
  if (field.name === 'kind') return EVENT_KINDS.filter((kind) => kind.startsWith(typed));
  if (!data) return [];
  if (field.target.type === 'key') return data.complete('key', typed, LIMIT);
  if (field.target.type === 'entity') return data.complete(field.target.kind, typed, LIMIT);
  return [];
}

/**
 * Candidates for the word under the cursor, each the whole replacement word: field
 * names before a colon, known values (keys, principals, instances...) after it.
 * Commas keep earlier alternatives: `event:Decrypt,Gen` completes the last one.
 */
export function completionsAt(data: WorkbenchData | null, text: string, cursor: number): { start: number; end: number; candidates: string[] } {
  const token = tokenAt(text, cursor);
  const negate = token.typed.startsWith('-') ? '-' : '';
  const body = token.typed.slice(negate.length);
  const colon = body.indexOf(':');
  const end = cursor;
  if (colon < 0) {
    const names = FILTER_FIELDS.filter((field) => field.name.startsWith(body.toLowerCase())).map((field) => `${negate}${field.name}:`);
    return { start: token.start, end, candidates: names };
  }
  const fieldName = body.slice(0, colon).toLowerCase();
  const value = body.slice(colon + 1);
  const comma = fieldName === 'ctx' ? -1 : value.lastIndexOf(',');
  const kept = value.slice(0, comma + 1);
  const typed = value.slice(comma + 1).replace(/^"/, '');
  const prefix = `${negate}${body.slice(0, colon + 1)}${kept}`;
  const candidates = valueCandidates(data, fieldName, typed).map((candidate) => `${prefix}${quoteValue(candidate)}`);
  return { start: token.start, end, candidates };
}

/** The longest start all candidates share: Tab first extends to it, like a shell. */
export function commonPrefix(candidates: string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0]!;
  for (const candidate of candidates.slice(1)) {
    while (!candidate.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
