import { hasUnsafeCharacters, UNSAFE_TEXT } from '../text/sanitize.js';

/**
 * Building blocks of the Athena (Trino) SQL keytrail prints. The SQL is text for a person to
 * run elsewhere, so every value from a filter or the logs goes in as a quoted literal.
 * Regular expressions anchor with \A and \z: Trino's `^`/`$` also match at line breaks.
 */

const hex = (code: number, digits: number): string => code.toString(16).toUpperCase().padStart(digits, '0');

/**
 * One character as a Trino Unicode escape: `\XXXX`, or `\+XXXXXX` past U+FFFF. A lone surrogate,
 * which no UTF-8 text holds (SQLite stores it as U+FFFD, and Trino refuses its escape), is U+FFFD.
 */
function unicodeEscape(ch: string): string {
  const code = ch.length === 1 && ch >= '\uD800' && ch <= '\uDFFF' ? 0xfffd : ch.codePointAt(0)!;
  return code > 0xffff ? `\\+${hex(code, 6)}` : `\\${hex(code, 4)}`;
}

/**
 * A value as a string literal that is safe to print: the SQL goes to a terminal, and values from
 * the logs are attacker-controlled. A value holding a character a terminal would act on or not
 * show (sanitize.ts decides which) is written as Trino's Unicode literal `U&'...'`, those
 * characters escaped and the backslash doubled, so the literal still means the exact value.
 */
export function sqlLiteral(value: string): string {
  const quoted = value.replace(/'/g, "''");
  if (!hasUnsafeCharacters(value)) return `'${quoted}'`;
  return `U&'${quoted.replace(/\\/g, '\\\\').replace(UNSAFE_TEXT, unicodeEscape)}'`;
}

/** A filter value as a lower-case LIKE pattern: `*` is the only wildcard users type. */
export function likeLiteral(value: string): string {
  return sqlLiteral(value.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, '%'));
}

export function anyOf(parts: readonly string[]): string {
  if (parts.length === 0) return 'false';
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** SQL's NOT turns unknown into unknown, which drops the row: an unknown value is "not matching". */
export function not(condition: string): string {
  return `NOT coalesce(${condition}, false)`;
}

/**
 * The ends of an ARN a bare name matches (src/core/query/value-resolve.ts, matchOne): `.../alice`,
 * `...:alice`, and a session named by email by its local part (`principal:bob` finds `.../bob@example.com`).
 */
function nameEndings(value: string): string[] {
  return [`*/${value}`, `*:${value}`, ...(value.includes('@') ? [] : [`*/${value}@*`])];
}

/**
 * A filter value against one text, as the index matches entity values: ignoring case, `*`
 * wildcards over the whole value, and for principals and roles a bare name that ends the ARN.
 */
export function matchValue(expression: string, value: string, options: { suffix?: boolean } = {}): string {
  const lower = `lower(${expression})`;
  if (value.includes('*')) return `${lower} LIKE ${likeLiteral(value)} ESCAPE '\\'`;
  const exact = `${lower} = ${sqlLiteral(value.toLowerCase())}`;
  if (!options.suffix) return exact;
  return `(${[exact, ...nameEndings(value).map((ending) => `${lower} LIKE ${likeLiteral(ending)} ESCAPE '\\'`)].join(' OR ')})`;
}

/** Whether any element of an ARRAY(VARCHAR) expression matches the value. */
export function matchAny(arrayExpression: string, value: string): string {
  return `coalesce(cardinality(filter(${arrayExpression}, v -> ${matchValue('v', value)})) > 0, false)`;
}

/** `db.table` names only: the table name is the one identifier the user types into the SQL. */
export function checkTableName(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table)) throw new Error(`"${table}" is not a table name (letters, digits, _ and one optional db. prefix)`);
  return table;
}
