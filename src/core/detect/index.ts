export { runDetections, type DetectionRunReport } from './engine.js';
export { listHits, getHit, hitEventSeqs, type ListHitsOptions } from './hits-read.js';
export { loadDetectionConfig, resolveDetectionConfig, CONFIG_FILE_NAME } from './config-file.js';
export { parseDetectionConfig, DetectionConfigError } from './config-parse.js';
export { defaultDetectionConfig, type DetectionConfig } from './config.js';
export { ruleToAthena } from '../athena/rule-query.js';
export { DETECTION_RULES, findRule } from './rules/index.js';
export { RULE_IDS, type RuleId } from './rule-ids.js';
export * from './types.js';
