/**
 * SQL for tests on the text columns of event rows by id (`<column>_id`, schema.ts): a scan that
 * compares ids reads no text, where the `events` view looks each text up per row. A text the index
 * has never seen has no id: `textIdSql` and `TEXT_ID_OF_PARAM` are then NULL, so `=` matches no row
 * but `IS NOT` matches every row (use IS / IS NOT only on columns that are never null), and
 * `TEXT_IDS_OF_JSON` is an empty set.
 */

/** The id of a fixed text of the code's own (an event kind, an actor, a service name), never input. */
export function textIdSql(text: string): string {
  if (!/^[A-Za-z0-9.:_-]+$/.test(text)) throw new Error(`not a fixed text: ${text}`);
  return `(SELECT id FROM texts WHERE text = '${text}')`;
}

/** The id of the text bound at this place. */
export const TEXT_ID_OF_PARAM = '(SELECT id FROM texts WHERE text = ?)';

/** The ids of the texts of a bound JSON array, as a set for `IN`. */
export const TEXT_IDS_OF_JSON = '(SELECT id FROM texts WHERE text IN (SELECT value FROM json_each(?)))';

/** The ids of the texts that match any of `count` bound LIKE patterns, as a set for `IN`. */
export function textIdsLikeSql(count: number): string {
  return `(SELECT id FROM texts WHERE ${Array.from({ length: count }, () => "text LIKE ? ESCAPE '\\'").join(' OR ')})`;
}

/** The text of an id-valued expression. */
export function textOfSql(idExpression: string): string {
  return `(SELECT text FROM texts WHERE id = ${idExpression})`;
}
