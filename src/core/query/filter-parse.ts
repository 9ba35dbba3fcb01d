import { FIELD_BY_NAME, type FilterField } from './filter-fields.js';

export interface FilterTerm {
  field: FilterField;
  values: string[];
  negate: boolean;
  /** Where the term stands in the filter text, for error markers. */
  start: number;
  end: number;
}

export interface FilterError {
  message: string;
  start: number;
  end: number;
}

export interface ParsedFilter {
  text: string;
  terms: FilterTerm[];
  errors: FilterError[];
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits on blanks outside double quotes; quotes are removed, `\"` keeps a quote. */
function tokenize(input: string, errors: FilterError[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    const start = i;
    let text = '';
    let quoted = false;
    while (i < input.length && (quoted || !/\s/.test(input[i]!))) {
      const ch = input[i]!;
      if (ch === '"') quoted = !quoted;
      else if (ch === '\\' && quoted && i + 1 < input.length) text += input[++i];
      else if (ch === ',' && quoted) text += QUOTED_COMMA;
      else text += ch;
      i++;
    }
    if (quoted) errors.push({ message: 'unclosed quote', start, end: i });
    tokens.push({ text, start, end: i });
  }
  return tokens;
}

function suggestField(name: string): string {
  const close = [...FIELD_BY_NAME.keys()].find((field) => field.startsWith(name.slice(0, 2)));
  return close ? `; did you mean ${close}:?` : '';
}

/** A comma inside quotes is part of the value, not a separator: kept aside while splitting. */
const QUOTED_COMMA = '\u0000';
const restoreCommas = (part: string): string => part.split(QUOTED_COMMA).join(',');

/** Commas separate alternatives, except inside quotes and ctx values (a value may hold commas after `=`). */
function splitValues(field: FilterField, value: string): string[] {
  if (field.name === 'ctx' || field.name === 'since' || field.name === 'until') return [restoreCommas(value)];
  return value.split(',').filter((part) => part.length > 0).map(restoreCommas);
}

/**
 * Parses the filter language (README, "Filter syntax"): `field:value[,value]` terms separated by
 * blanks, `-` before a term to exclude, `*` as a wildcard, quotes for blanks inside a
 * value. A bare word searches every entity value. Errors carry their position.
 */
export function parseFilter(input: string): ParsedFilter {
  const errors: FilterError[] = [];
  const terms: FilterTerm[] = [];
  for (const token of tokenize(input, errors)) {
    const negate = token.text.startsWith('-') && token.text.length > 1;
    const body = negate ? token.text.slice(1) : token.text;
    const colon = body.indexOf(':');
    if (colon <= 0) {
      terms.push({ field: FIELD_BY_NAME.get('text') ?? TEXT_FIELD, values: [restoreCommas(body)], negate, start: token.start, end: token.end });
      continue;
    }
    const name = body.slice(0, colon).toLowerCase();
    const field = FIELD_BY_NAME.get(name);
    const value = body.slice(colon + 1);
    if (!field) {
      errors.push({ message: `unknown field "${name}"${suggestField(name)}`, start: token.start, end: token.start + colon + (negate ? 1 : 0) });
      continue;
    }
    const values = splitValues(field, value);
    if (values.length === 0) {
      errors.push({ message: `${name}: needs a value, e.g. ${field.example}`, start: token.start, end: token.end });
      continue;
    }
    terms.push({ field, values, negate, start: token.start, end: token.end });
  }
  return { text: input, terms, errors };
}

/** A bare word: matched against every entity value, as `*word*`. */
export const TEXT_FIELD: FilterField = {
  name: 'text', target: { type: 'text' }, description: 'any value containing the word', example: 'alice',
};
