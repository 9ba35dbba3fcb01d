import type { DetectionConfig } from '../detect/config.js';
import { RULE_IDS } from '../detect/rule-ids.js';
import { findRule } from '../detect/rules/index.js';
import { aliasIntervalsCte, keyedEventsCte } from './key-sql.js';
import { allRecordsCte, eventsCtes, type TableOptions } from './table-scheme.js';

export interface RuleQueryOptions extends TableOptions {
  config: DetectionConfig;
  /** List the S3 objects holding the hits' records instead of the hits. */
  paths?: boolean;
}

/**
 * A rule's check as one Athena (Trino) query over the whole trail: one row per hit, with the
 * eventIDs keytrail's own run puts in its hits. Rules read the whole trail (their baselines
 * span it), so nothing is pruned.
 */
export function ruleToAthena(ruleId: string, options: RuleQueryOptions): string {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`unknown rule "${ruleId}": use one of ${RULE_IDS.join(', ')}`);
  const sql = rule.athena({ config: options.config });
  const ctes = [eventsCtes(options, { since: null, until: null, regions: [] })];
  if (sql.keys) ctes.push(allRecordsCte(options), aliasIntervalsCte('trail_all'), keyedEventsCte());
  ctes.push(...sql.ctes);
  const header = `-- keytrail detect rule ${rule.id}: ${rule.summary.replace(/[\r\n]/g, ' ')}`;
  if (options.paths) {
    ctes.push(`hits AS (\n${sql.select}\n)`);
    return `${header}\n-- the S3 objects holding the hits' records\nWITH ${ctes.join(',\n')}\nSELECT DISTINCT t.log_path AS "$path"\nFROM trail t\nWHERE t.eventid IN (SELECT u.eventid FROM hits CROSS JOIN UNNEST(hits.eventids) AS u(eventid))\nORDER BY 1;`;
  }
  return `${header}\nWITH ${ctes.join(',\n')}\n${sql.select};`;
}
