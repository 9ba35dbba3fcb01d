import { describe, expect, it } from 'vitest';
import { RecordScanner, type ScanItem } from '../../../src/core/parse/scanner.js';

function scan(text: string, chunkSize = text.length): ScanItem[] {
  const scanner = new RecordScanner();
  const bytes = Buffer.from(text);
  const items: ScanItem[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) items.push(...scanner.push(bytes.subarray(i, i + chunkSize)));
  items.push(...scanner.end());
  return items;
}

const records = (items: ScanItem[]) => items.flatMap((item) => (item.type === 'record' ? [JSON.parse(item.text) as unknown] : []));
const errors = (items: ScanItem[]) => items.flatMap((item) => (item.type === 'error' ? [item] : []));

describe('RecordScanner', () => {
  it('splits a Records file into its events, whatever the chunk boundaries', () => {
    // Long strings with escapes and multi-byte characters: the scanner skips string bodies in bulk.
    const long = `${'é'.repeat(40)}\\"}]${'z'.repeat(50)}\\\\`;
    const text = JSON.stringify({ Records: [{ a: 1, s: 'x{"}' }, { b: [2, { c: 3 }] }, { d: '\\"]' }, { e: long }] });
    for (const chunk of [1, 3, 7, 64, text.length]) {
      const items = scan(text, chunk);
      expect(records(items)).toEqual([{ a: 1, s: 'x{"}' }, { b: [2, { c: 3 }] }, { d: '\\"]' }, { e: long }]);
      expect(items.every((item) => item.type === 'record' && item.container === 'Records')).toBe(true);
    }
  });

  it('takes each line of JSON Lines and each element of a top-level array', () => {
    expect(records(scan('{"a":1}\n{"a":2}\n\n{"a":3}\n'))).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(records(scan('[{"a":1},{"a":2}]'))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('keeps a top-level object that is not a container whole (a single event, a digest)', () => {
    const items = scan('{"eventName":"Decrypt","nested":{"Records":[1]}}');
    expect(records(items)).toEqual([{ eventName: 'Decrypt', nested: { Records: [1] } }]);
    expect(items[0]?.type === 'record' && items[0].container).toBe('top');
  });

  it('reports a broken JSON Lines record with its line and goes on with the next line', () => {
    const items = scan('{"a":1}\n{"a":"unterminated\n{"a":3}\n');
    expect(records(items)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors(items)).toMatchObject([{ line: 2, offset: 8 }]);
  });

  it('resyncs inside a pretty-printed Records array on the next record at the same indentation', () => {
    const text = '{"Records": [\n  {"a": 1},\n  {"a": "broken\n  },\n  {"a": 3}\n]}';
    const items = scan(text);
    expect(records(items)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors(items)).toHaveLength(1);
    expect(errors(items)[0]).toMatchObject({ line: 3 });
  });

  it('reports a record cut off by the end of the file as truncated', () => {
    const items = scan('{"Records":[{"a":1},{"a":2');
    expect(records(items)).toEqual([{ a: 1 }]);
    expect(errors(items)).toMatchObject([{ truncated: true, offset: 20 }]);
  });

  it('reports text that is not JSON once, without a record per byte', () => {
    const items = scan('# a README\nwith lines\n');
    expect(records(items)).toEqual([]);
    expect(errors(items)).toHaveLength(1);
    expect(errors(items)[0]?.reason).toMatch(/not JSON/);
  });

  it('survives 10,000 levels of nesting without recursion', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const items = scan(`{"eventName":"X","deep":${deep}}\n{"eventName":"Y"}`);
    expect(items.filter((item) => item.type === 'record')).toHaveLength(2);
  });
});
