import { describe, expect, it } from 'vitest';
import { decodeUnicodeLiteral, DUCKDB_MACROS, toDuckDb } from './duckdb-dialect.js';
import { duckdb } from './parity.js';

describe('the Trino-to-DuckDB dialect layer of the tests', () => {
  it('renames lambda and type spellings outside literals and comments only', () => {
    expect(toDuckDb("SELECT transform(a, x -> x), element_at(b, 1), TRY_CAST(j AS ARRAY(JSON)) FROM t WHERE v = 'transform(ARRAY(JSON))' -- transform(")).toBe(
      "SELECT list_transform(a, x -> x), list_extract(b, 1), TRY_CAST(j AS JSON[]) FROM t WHERE v = 'transform(ARRAY(JSON))' -- transform(");
    expect(toDuckDb("SELECT 'it''s transform(' AS s, transform(l, v -> v)")).toBe("SELECT 'it''s transform(' AS s, list_transform(l, v -> v)");
  });

  it('reads U&\'...\' literals by Trino\'s rules, and writes them as plain DuckDB literals', () => {
    expect(decodeUnicodeLiteral("U&'a\\\\b\\001B\\+01F600''s'")).toBe("a\\b\u001b\u{1f600}'s");
    for (const refused of ["U&'\\12'", "U&'\\x'", "U&'\\D800'", "U&'\\+110000'", "U&'\\+1F600'", "U&'\\'"]) {
      expect(() => decodeUnicodeLiteral(refused)).toThrow(/Trino would refuse/);
    }
    expect(toDuckDb("SELECT U&'\\202E''x' AS v, 'U&''\\0041' AS w -- U&'\\0041'")).toBe("SELECT '\u202e''x' AS v, 'U&''\\0041' AS w -- U&'\\0041'");
  });

  it.skipIf(duckdb === null)('gives the Trino functions keytrail uses their Trino meaning', async () => {
    const connection = await (await duckdb!.DuckDBInstance.create(':memory:')).connect();
    for (const macro of DUCKDB_MACROS) await connection.run(macro);
    const doc = `'{"a": {"b:c": "x", "n": 5, "o": {"k": 1}}, "l": [1]}'`;
    const reader = await connection.runAndReadAll(toDuckDb(`SELECT json_extract_scalar(${doc}, '$.a["b:c"]') AS bracket, json_extract_scalar(${doc}, '$.a.n') AS number,
      json_extract_scalar(${doc}, '$.a.o') AS object, json_extract_scalar(${doc}, '$.l') AS list, json_extract_scalar(${doc}, '$.none') AS missing,
      regexp_like('ab\ncd', '\\Aab\\z') AS anchored, cardinality(filter(ARRAY[1, 2, 3], v -> v > 1)) AS two,
      to_unixtime(try(from_iso8601_timestamp('2026-11-21T03:00:00Z'))) AS seconds, try(from_iso8601_timestamp('...')) AS bad,
      day_of_week(from_iso8601_timestamp('2026-11-22T12:00:00Z')) AS sunday, to_hex(sha256(to_utf8('abc'))) AS digest`));
    expect(reader.getRowObjectsJson()[0]).toEqual({
      bracket: 'x', number: '5', object: null, list: null, missing: null, anchored: false, two: '2', seconds: 1795230000, bad: null, sunday: '7',
      digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
    connection.closeSync();
  });
});
