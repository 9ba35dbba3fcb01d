import type { DetectionConfig } from '../core/detect/config.js';
import { runDetections } from '../core/detect/engine.js';
import type { IndexDb } from '../core/index/open.js';
import type { IndexerEvent } from './types.js';

/**
 * The detections over what was indexed since their last pass: run by the indexer (the only
 * writer) once its first scan is done and then each time it goes idle. A pass with nothing
 * new costs a millisecond.
 */
export function detectionPass(db: IndexDb, config: DetectionConfig | undefined, emit: (event: IndexerEvent) => void): void {
  if (!config) return;
  try {
    const report = runDetections(db, config);
    if (report.rulesRun.length > 0) emit({ type: 'detections', totalHits: report.totalHits, changedHits: report.changedHits, millis: report.millis });
  } catch (error) {
    emit({ type: 'problem', file: '.', reason: `detections failed: ${(error as Error).message}` });
  }
}
