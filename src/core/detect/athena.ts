import type { DetectionConfig } from './config.js';
import { RULE_IDS } from './rule-ids.js';
import { findRule } from './rules/index.js';

/** A rule's check as Athena SQL over the standard CloudTrail table, for a whole organisation's trail. */
export function ruleToAthena(ruleId: string, options: { table?: string; config: DetectionConfig }): string {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`unknown rule "${ruleId}": use one of ${RULE_IDS.join(', ')}`);
  const table = options.table ?? 'cloudtrail_logs';
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(table)) throw new Error(`"${table}" is not a table name`);
  return rule.athena({ table, config: options.config });
}
