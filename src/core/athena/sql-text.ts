/**
 * Building blocks of the Athena (Trino) SQL keytrail prints. The SQL is text for a person to
 * run elsewhere, so every value from a filter or the logs goes in as a quoted literal.
 * Regular expressions anchor with \A and \z: Trino's `^`/`$` also match at line breaks.
 */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
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
 * A filter value against one text, as the index matches entity values: ignoring case, `*`
 * wildcards over the whole value, and for principals and roles a bare name that ends the ARN.
 */
export function matchValue(expression: string, value: string, options: { suffix?: boolean } = {}): string {
  const lower = `lower(${expression})`;
  if (value.includes('*')) return `${lower} LIKE ${likeLiteral(value)} ESCAPE '\\'`;
  const exact = `${lower} = ${sqlLiteral(value.toLowerCase())}`;
  if (!options.suffix) return exact;
  return `(${exact} OR ${lower} LIKE ${likeLiteral(`*/${value}`)} ESCAPE '\\' OR ${lower} LIKE ${likeLiteral(`*:${value}`)} ESCAPE '\\')`;
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
