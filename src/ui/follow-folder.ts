import { existsSync } from 'node:fs';
import { linkIndexer } from '../app/indexer-link.js';
import { patch } from '../app/store.js';
import type { Workbench } from '../app/workbench.js';
import { rememberIndex } from '../cli/index-location.js';
import { resolveDetectionConfig } from '../core/detect/config-file.js';
import { asIndexDamage } from '../core/index/damage.js';
import type { DetectionConfig } from '../core/detect/config.js';
import { createIndexer } from '../indexer/create-indexer.js';
import type { Indexer } from '../indexer/types.js';
import type { WorkbenchTarget } from './workbench-target.js';

const WAIT_FOR_DIR_MS = 1000;

/** The detections' config (./keytrail.config.json or the defaults); a broken file turns them off and says why. */
function detectionConfig(workbench: Workbench): DetectionConfig | undefined {
  try {
    return resolveDetectionConfig(undefined).config;
  } catch (error) {
    patch(workbench.store, 'status', { problems: [...workbench.store.getState().status.problems, { file: 'keytrail.config.json', reason: `detections off: ${(error as Error).message}` }] });
    return undefined;
  }
}

/**
 * Starts the indexer on the workbench's folder (a worker thread: the UI never waits
 * on parsing). A folder that does not exist yet is waited for. Returns how to stop.
 */
export function followFolder(workbench: Workbench, target: WorkbenchTarget): { stop(): Promise<void> } {
  // An index from an earlier session shows at once while the indexer catches up.
  workbench.connect();
  const dir = target.dir;
  if (dir === null) {
    patch(workbench.store, 'status', { initialScanDone: true });
    return { stop: async () => {} };
  }
  let indexer: Indexer | null = null;
  let unlink = () => {};
  const begin = () => {
    const detections = detectionConfig(workbench);
    // The hits are not current until the indexer's first detection pass after the scan says so.
    patch(workbench.store, 'status', { notice: null, indexing: true, ...(detections ? { detections: 'checking' as const } : {}) });
    indexer = createIndexer({ dir, db: target.db, watch: true, mode: 'worker', detections });
    unlink = linkIndexer(workbench, indexer);
    indexer.start().then(() => {
      rememberIndex(target.db, dir);
      workbench.connect();
    }, (error: Error) => {
      // A damaged index is named with the command that rebuilds it, on one line.
      const damaged = asIndexDamage(error, target.db, dir)?.message.replaceAll('\n', ' ');
      patch(workbench.store, 'status', { notice: damaged ?? `The indexer could not start: ${error.message}`, indexing: false, detections: 'unknown' });
    });
  };
  let waiting: NodeJS.Timeout | null = null;
  if (target.dirProblem) {
    patch(workbench.store, 'status', { notice: target.dirProblem });
    waiting = setInterval(() => {
      if (!existsSync(dir)) return;
      clearInterval(waiting!);
      waiting = null;
      begin();
    }, WAIT_FOR_DIR_MS);
  } else {
    begin();
  }
  return {
    stop: async () => {
      if (waiting) clearInterval(waiting);
      unlink();
      await indexer?.stop();
    },
  };
}
