/**
 * The one place where the Trino SQL keytrail prints meets DuckDB, the engine the tests run it on.
 * Functions that take plain values become DuckDB macros of the same name; the few that take
 * lambdas or type names are renamed in the text (outside quoted literals). Nothing else changes:
 * the tests run the SQL as printed.
 */
export const DUCKDB_MACROS = [
  // Trino: timestamp with time zone from ISO 8601 text, an error on anything else (the SQL wraps it in try()).
  'CREATE MACRO from_iso8601_timestamp(text) AS CAST(text AS TIMESTAMPTZ)',
  'CREATE MACRO to_unixtime(t) AS epoch(t)',
  'CREATE MACRO from_unixtime(seconds) AS to_timestamp(seconds)',
  // Trino's JSONPath `$.a["b:c"]` is DuckDB's `$.a."b:c"`; objects and arrays are not scalars.
  `CREATE MACRO trino_path(path) AS regexp_replace(path, '\\["([^"]*)"\\]', '."\\1"', 'g')`,
  `CREATE MACRO json_extract_scalar(doc, path) AS CASE WHEN json_type(json_extract(doc, trino_path(path))) IN ('OBJECT', 'ARRAY') THEN NULL
    ELSE json_extract_string(doc, trino_path(path)) END`,
  'CREATE MACRO regexp_like(text, pattern) AS regexp_matches(text, pattern)',
  // Trino: ISO weekday, Monday 1.
  'CREATE MACRO day_of_week(t) AS isodow(t)',
  'CREATE MACRO cardinality(list) AS len(list)',
  // sha256 of text is hex text in DuckDB; in Trino it goes through varbinary: to_hex(sha256(to_utf8(x))).
  'CREATE MACRO to_utf8(text) AS text',
  'CREATE MACRO to_hex(text) AS text',
];

const RENAMES: Array<[RegExp, string]> = [
  [/\btransform\(/g, 'list_transform('],
  [/\belement_at\(/g, 'list_extract('],
  [/\bARRAY\(JSON\)/g, 'JSON[]'],
  [/\bARRAY\(VARCHAR\)/g, 'VARCHAR[]'],
];

/**
 * The text of a Trino Unicode literal `U&'...'`, decoded by Trino's rules (its parser's
 * decodeUnicodeLiteral): `\\` is a backslash, `\XXXX` and `\+XXXXXX` a code point in hex,
 * a surrogate or anything else after a backslash an error.
 */
export function decodeUnicodeLiteral(literal: string): string {
  const body = literal.slice(3, -1).replace(/''/g, "'");
  return body.replace(/\\(\\|\+[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4}|.{0,7})/gs, (escape, code: string) => {
    if (code === '\\') return '\\';
    const point = /^(\+[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4})$/.test(code) ? parseInt(code.replace('+', ''), 16) : NaN;
    if (!(point <= 0x10ffff) || (point >= 0xd800 && point <= 0xdfff)) throw new Error(`Trino would refuse the escape ${escape} in ${literal}`);
    return String.fromCodePoint(point);
  });
}

/** A DuckDB literal of the same text (DuckDB has no U& literals; raw characters are fine here). */
const plainLiteral = (literal: string): string => `'${decodeUnicodeLiteral(literal).replace(/'/g, "''")}'`;

/** Trino SQL as DuckDB runs it: renames applied outside '...' literals and -- comments, U&'...' literals decoded. */
export function toDuckDb(sql: string): string {
  return sql.split(/((?<![\w])U&'(?:[^']|'')*'|'(?:[^']|'')*'|--[^\n]*)/).map((part, index) => {
    if (index % 2 === 1) return part.startsWith("U&'") ? plainLiteral(part) : part;
    return RENAMES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), part);
  }).join('');
}
