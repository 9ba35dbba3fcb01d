import { describe, expect, it } from 'vitest';
import { effectiveFilter, quoteValue, withTerm, withTerms } from '../../src/app/data/filter-text.js';
import { parseFilter } from '../../src/core/query/filter-parse.js';

describe('building filters from pivots', () => {
  it('adds a term, and replaces one of the same field instead of ANDing two keys', () => {
    expect(withTerm('', 'key', 'alias/prod-data')).toBe('key:alias/prod-data');
    expect(withTerm('key:alias/a principal:*bob*', 'key', 'alias/b')).toBe('principal:*bob* key:alias/b');
  });

  it('keeps exclusions and adds context pairs side by side', () => {
    expect(withTerm('-key:alias/a', 'key', 'alias/b')).toBe('-key:alias/a key:alias/b');
    expect(withTerm('ctx:a=1', 'ctx', 'b=2')).toBe('ctx:a=1 ctx:b=2');
  });

  it('quotes values with blanks or quotes so the parser reads back the same value', () => {
    const value = 'agent=Mozilla/5.0 "quoted" \\ agent';
    const text = withTerm('', 'ctx', value);
    expect(parseFilter(text).terms[0]?.values).toEqual([value]);
    expect(quoteValue('plain')).toBe('plain');
    expect(quoteValue('')).toBe('""');
  });

  it('replaces a time range in one step', () => {
    expect(withTerms('since:2h event:Decrypt', [['since', 'A'], ['until', 'B']])).toBe('event:Decrypt since:A until:B');
  });

  it('adds the quick toggles to what runs', () => {
    expect(effectiveFilter('key:k', { errorsOnly: true, hideService: true })).toBe('key:k error:* -actor:service');
    expect(effectiveFilter('', { errorsOnly: false, hideService: false })).toBe('');
  });
});
