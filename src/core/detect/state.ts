import type { IndexDb } from '../index/open.js';
import type { LearningWindow } from './learning.js';

/** Where the last run stopped: later runs look only at events and files after it. */
export interface DetectionState {
  lastSeq: number;
  /** The uid at lastSeq: if another event holds that seq now, the index was rewritten under us. */
  lastUid: string | null;
  lastFileId: number;
  /** First-seen times include every event up to this seq (ahead of lastSeq when a run stopped short). */
  baselinesThrough: number;
  configHash: string | null;
  /** The keytrail build whose rules judged the stored hits (BUILD_ID): another build judges afresh. */
  rulesBuild: string | null;
  learning: LearningWindow | null;
}

export function readDetectionState(db: IndexDb): DetectionState {
  const rows = db.prepare('SELECT name, value FROM detection_state').all() as Array<{ name: string; value: string }>;
  const values = new Map(rows.map((row) => [row.name, row.value]));
  const learningStart = values.get('learning_start');
  const learningEnd = values.get('learning_end');
  return {
    lastSeq: Number(values.get('last_seq') ?? 0),
    lastUid: values.get('last_uid') ?? null,
    lastFileId: Number(values.get('last_file_id') ?? 0),
    baselinesThrough: Number(values.get('baselines_through') ?? values.get('last_seq') ?? 0),
    configHash: values.get('config_hash') ?? null,
    rulesBuild: values.get('rules_build') ?? null,
    learning: learningStart !== undefined && learningEnd !== undefined ? { start: Number(learningStart), end: Number(learningEnd) } : null,
  };
}

export function writeDetectionState(db: IndexDb, state: DetectionState): void {
  const put = db.prepare('INSERT INTO detection_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  put.run('last_seq', String(state.lastSeq));
  put.run('last_file_id', String(state.lastFileId));
  put.run('baselines_through', String(state.baselinesThrough));
  if (state.lastUid !== null) put.run('last_uid', state.lastUid);
  if (state.configHash !== null) put.run('config_hash', state.configHash);
  if (state.rulesBuild !== null) put.run('rules_build', state.rulesBuild);
  if (state.learning) {
    put.run('learning_start', String(state.learning.start));
    put.run('learning_end', String(state.learning.end));
  }
}
