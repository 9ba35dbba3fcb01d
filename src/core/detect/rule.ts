import type { RuleSql } from '../athena/rule-sql.js';
import type { IndexDb } from '../index/open.js';
import type { RawBlockReader } from '../index/raw-store.js';
import type { KeyNames } from '../query/key-names.js';
import type { BusinessHours } from './business-hours.js';
import type { DetectionConfig } from './config.js';
import type { HitStore } from './hit-store.js';
import type { LearningWindow } from './learning.js';
import type { RuleId } from './rule-ids.js';
import type { Severity } from './types.js';

/** What a rule sees in one run: the new events, the learned window, and where hits go. */
export interface DetectionContext {
  db: IndexDb;
  config: DetectionConfig;
  /** New events are those with seq in (fromSeq, toSeq]; new files likewise by id. */
  fromSeq: number;
  toSeq: number;
  fromFileId: number;
  toFileId: number;
  /** Nothing was detected before this run (first run, or the config changed): no old hits to revisit. */
  fresh: boolean;
  learning: LearningWindow;
  keys: KeyNames;
  hits: HitStore;
  businessHours: BusinessHours;
  raw: RawBlockReader;
}

export interface AthenaOptions {
  config: DetectionConfig;
}

/** One detection: what it fires on, its default severity, its logic, and the same check for Athena. */
export interface DetectionRule {
  id: RuleId;
  title: string;
  /** The usual severity; a hit may be raised or lowered by what it finds (and says why). */
  severity: Severity;
  /** What it fires on, in one line. */
  summary: string;
  /** Looks at the new events (and what it must look back over) and writes hits. */
  run(context: DetectionContext): void;
  /** The same check as SQL over the trail's events on Athena (src/core/athena/rule-query.ts runs it). */
  athena(options: AthenaOptions): RuleSql;
}
