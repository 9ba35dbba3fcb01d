import type { IndexDb } from '../index/open.js';
import { parseFilter } from '../query/filter-parse.js';
import { safeJsonText } from '../text/safe-json.js';
import { filterSql } from './filter-sql.js';
import { aliasIntervalsCte, keyedEventsCte } from './key-sql.js';
import { allRecordsCte, eventsCtes, type TableOptions } from './table-scheme.js';

export interface FilterQueryOptions extends TableOptions {
  /** Only `hit:` reads the index (a hit is local). */
  db?: IndexDb | null;
  /** At most this many rows; none (or 0) prints no LIMIT: every match. */
  limit?: number;
  /** List the S3 objects holding the matching records instead of the events. */
  paths?: boolean;
  /** The clock for ages (`since:2h`), resolved when the SQL is printed so it can be rerun. */
  now?: number;
}

/**
 * A filter as one Athena (Trino) query over AWS's CloudTrail table that returns exactly the
 * events `keytrail query` returns for it: each delivered event once, newest first.
 */
export function filterToAthena(filterText: string, options: FilterQueryOptions = {}): string {
  const parsed = parseFilter(filterText);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((error) => error.message).join('; '));
  const now = options.now ?? Date.now();
  const sql = filterSql(parsed.terms, { db: options.db ?? null, now });
  const ctes = [eventsCtes(options, sql.pruning)];
  if (sql.usesKeys) ctes.push(allRecordsCte(options), aliasIntervalsCte('trail_all'), keyedEventsCte());
  if (sql.keySets.length > 0) ctes.push(`key_sets AS (\n  SELECT ${sql.keySets.map((set, index) => `(${set}) AS k${index + 1}`).join(',\n    ')}\n)`);
  const from = `${sql.usesKeys ? 'keyed' : 'events'}${sql.keySets.length > 0 ? ' CROSS JOIN key_sets' : ''}`;
  const where = sql.conditions.length > 0 ? `\nWHERE ${sql.conditions.join('\n  AND ')}` : '';
  // The filter as JSON on one line, with what a terminal would act on (bidi, line separators) escaped.
  const header = `-- keytrail query ${safeJsonText(JSON.stringify(filterText))}${/\d+\s*[smhdw]\b/i.test(filterText) ? ` (ages from ${new Date(now).toISOString()})` : ''}`;
  if (options.paths) {
    return `${header}: the S3 objects holding the matching records\nWITH ${ctes.join(', ')}\nSELECT DISTINCT t.log_path AS "$path"\nFROM trail t\nWHERE t.eventid IN (SELECT eventid FROM ${from}${where})\nORDER BY 1;`;
  }
  const limit = options.limit && options.limit > 0 ? `\nLIMIT ${options.limit}` : '';
  return `${header}\nWITH ${ctes.join(', ')}\nSELECT eventtime, eventsource, eventname, principal, sourceipaddress, errorcode, awsregion, recipientaccountid, eventid, requestid, log_path\nFROM ${from}${where}\nORDER BY eventtime DESC, eventid${limit};`;
}
