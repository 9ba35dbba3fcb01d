import { describe, expect, it } from 'vitest';
import { likeLiteral, matchValue, sqlLiteral } from '../../../src/core/athena/sql-text.js';
import { hasUnsafeCharacters } from '../../../src/core/text/sanitize.js';
import { decodeUnicodeLiteral, toDuckDb } from './duckdb-dialect.js';
import { duckdb } from './parity.js';

/** Values a terminal would act on or not show: escape sequences, bidi overrides, zero-width and tag characters, line separators. */
const HOSTILE = ['a\u001b]0;x\u0007b', 'x\u202eexe.txt', 'zero\u200bwidth', 'line\u2028sep\u2029para', 'tag\u{e0041}', "q'uote\\\u0085", 'del\u007f\ttab\nnl'];

describe('SQL literals of values from the logs', () => {
  it('are plain while nothing in them is unsafe to print', () => {
    expect(sqlLiteral("it's a\\b")).toBe("'it''s a\\b'");
    expect(sqlLiteral('')).toBe("''");
  });

  it('are Unicode literals otherwise: nothing unsafe printed raw, and Trino reads back the exact value', () => {
    for (const value of HOSTILE) {
      const literal = sqlLiteral(value);
      expect(literal.startsWith("U&'")).toBe(true);
      expect(hasUnsafeCharacters(literal)).toBe(false);
      expect(decodeUnicodeLiteral(literal)).toBe(value);
    }
    expect(sqlLiteral('\u001b[31m')).toBe("U&'\\001B[31m'");
    expect(sqlLiteral('a\\b\u202e')).toBe("U&'a\\\\b\\202E'");
    expect(sqlLiteral('\u{e0041}')).toBe("U&'\\+0E0041'");
    // A lone surrogate has no UTF-8 form (SQLite stores U+FFFD) and Trino refuses its escape.
    expect(sqlLiteral('x\ud800')).toBe("U&'x\\FFFD'");
  });

  it('stay safe inside LIKE patterns, whose backslash escapes are doubled once more', () => {
    const pattern = likeLiteral('*a_b\\\u202e*');
    expect(hasUnsafeCharacters(pattern)).toBe(false);
    expect(decodeUnicodeLiteral(pattern)).toBe('%a\\_b\\\\\u202e%');
  });

  it('principal: and role: by a bare name also find an email-form session name by its local part, as the index does', () => {
    expect(matchValue('principal', 'bob', { suffix: true })).toContain("lower(principal) LIKE '%/bob@%'");
    expect(matchValue('principal', 'bob@example.com', { suffix: true })).not.toContain("'%/bob@example.com@%'");
  });

  it.skipIf(duckdb === null)('mean the same value when run (through the dialect layer)', async () => {
    const connection = await (await duckdb!.DuckDBInstance.create(':memory:')).connect();
    for (const value of HOSTILE) {
      const reader = await connection.runAndReadAll(toDuckDb(`SELECT ${sqlLiteral(value)} AS v, ${sqlLiteral(value)} = ${sqlLiteral(value)} AS same`));
      expect(reader.getRowObjectsJson()[0]).toEqual({ v: value, same: true });
    }
    connection.closeSync();
  });
});
