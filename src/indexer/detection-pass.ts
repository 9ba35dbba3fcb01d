import type { DetectionConfig } from '../core/detect/config.js';
import { runDetections } from '../core/detect/engine.js';
import type { IndexDb } from '../core/index/open.js';
import type { IndexerEvent } from './types.js';

/**
 * New events one detection step looks at. The first pass over a large index is cut into steps
 * with the file queue checked between them: in one piece it held new files back for 10 s at 1M
 * events and close to a minute at 5M. A step of this size takes about a second at 1M.
 */
export const DETECTION_STEP_EVENTS = 100_000;

/**
 * One step of the detections over what was indexed since their last pass: run by the indexer
 * (the only writer) once its first scan is done and then each time it goes idle. A step with
 * nothing new costs a millisecond and says nothing unless `announce` (the first pass after a scan:
 * the workbench then knows the hits are current). Returns whether events are left for another step.
 */
export function detectionPass(db: IndexDb, config: DetectionConfig | undefined, emit: (event: IndexerEvent) => void,
  maxEvents = DETECTION_STEP_EVENTS, announce = false): boolean {
  if (!config) return false;
  try {
    const report = runDetections(db, config, undefined, { maxEvents });
    if (report.rulesRun.length > 0 || announce) {
      emit({ type: 'detections', totalHits: report.totalHits, changedHits: report.changedHits, millis: report.millis, pending: report.eventsLeft > 0 });
    }
    return report.eventsLeft > 0;
  } catch (error) {
    emit({ type: 'problem', file: '.', reason: `detections failed: ${(error as Error).message}` });
    emit({ type: 'detections', totalHits: 0, changedHits: 0, millis: 0, pending: false, failed: true });
    return false;
  }
}
