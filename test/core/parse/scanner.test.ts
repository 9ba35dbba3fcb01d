import { describe, expect, it } from 'vitest';
import { RecordScanner, type ScanItem } from '../../../src/core/parse/scanner.js';
import { Rng } from '../../../src/gen/rng.js';

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

describe('RecordScanner inner loop', () => {
  const event = (n: number) => ({
    eventVersion: '1.08', eventTime: `2026-11-0${n % 9 + 1}T03:00:00Z`, eventName: n % 2 ? 'Decrypt' : 'GenerateDataKey',
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::111122223333:assumed-role/app/i-0${n}`, sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
    requestParameters: { encryptionContext: { note: `quote \\" brace } bracket ] é ${n}`, path: 'C:\\\\logs\\\\' }, keySpec: 'AES_256' },
    resources: [{ ARN: `arn:aws:kms:us-east-1:111122223333:key/${n}`, type: 'AWS::KMS::Key' }], readOnly: true, n,
  });
  const shapes = [
    JSON.stringify({ Records: [0, 1, 2, 3].map(event) }),
    JSON.stringify({ Records: [0, 1, 2].map(event) }, null, 2),
    [0, 1, 2].map((n) => JSON.stringify(event(n))).join('\n'),
    JSON.stringify([0, 1].map(event)),
    JSON.stringify({ Records: [0, 1].map(event), Events: [event(2)] }),
    // A backslash before a raw line break, deep in a record: the line count must still see the break.
    `{"Records":[\n {"a":{"b":"x\\\ny"}},\n {"a":{"b":[1,2]}}\n]}`,
  ];

  /** Deterministic damage: bytes dropped, doubled or replaced by the ones the scanner must notice. */
  function damaged(text: string, seed: number): string {
    const bytes = [...Buffer.from(text)];
    const rng = new Rng(seed);
    const next = (limit: number) => rng.int(limit);
    const specials = [0x0a, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c];
    for (let edit = 0; edit < 3; edit++) {
      const at = next(bytes.length);
      const kind = next(3);
      if (kind === 0) bytes.splice(at, 1);
      else if (kind === 1) bytes.splice(at, 0, bytes[at]!);
      else bytes[at] = specials[next(specials.length)]!;
    }
    return Buffer.from(bytes).toString('latin1');
  }

  function scanWith(bytes: Buffer, chunkSize: number, innerLoop: boolean): ScanItem[] {
    const scanner = new RecordScanner(0, 1, innerLoop);
    const items: ScanItem[] = [];
    for (let i = 0; i < bytes.length; i += chunkSize) items.push(...scanner.push(bytes.subarray(i, i + chunkSize)));
    items.push(...scanner.end());
    return items;
  }

  it('finds the same records, errors, offsets and lines as the byte-at-a-time state machine, on sound and damaged input', () => {
    let compared = 0;
    for (const shape of shapes) {
      const inputs = [Buffer.from(shape), ...Array.from({ length: 60 }, (_, seed) => Buffer.from(damaged(shape, seed + 1), 'latin1'))];
      for (const bytes of inputs) {
        for (const chunk of [1, 5, 61, 1024, bytes.length]) {
          expect(scanWith(bytes, chunk, true)).toEqual(scanWith(bytes, chunk, false));
          compared++;
        }
      }
    }
    expect(compared).toBe(shapes.length * 61 * 5);
  });

  it('reads the records of sound input exactly', () => {
    const items = scanWith(Buffer.from(shapes[0]!), 61, true);
    expect(items.map((item) => (item.type === 'record' ? JSON.parse(item.text) : item))).toEqual([0, 1, 2, 3].map(event));
  });
});
