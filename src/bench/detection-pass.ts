import { defaultDetectionConfig } from '../core/detect/config.js';
import { runDetections } from '../core/detect/engine.js';
import { openIndex } from '../core/index/open.js';
import { median } from './stats.js';

export interface DetectionPass {
  runs: number;
  medianMs: number;
  events: number;
  hits: number;
  rules: number;
}

/**
 * Full detection passes over the whole index. runDetections looks only at new events
 * unless its config changed, so each run changes a setting no event matches (an ignored
 * principal) to make it start over, as a first run after an ingest does.
 */
export function measureDetections(dbPath: string, runs: number): DetectionPass {
  const db = openIndex(dbPath);
  try {
    const times: number[] = [];
    let last = { events: 0, hits: 0, rules: 0 };
    for (let run = 0; run < runs; run++) {
      const config = defaultDetectionConfig();
      config.offHours.ignorePrincipals = [`arn:aws:iam::000000000000:user/keytrail-bench-run-${run}-${Date.now()}`];
      const started = performance.now();
      const report = runDetections(db, config);
      times.push(performance.now() - started);
      if (!report.fullRun) throw new Error('the detection pass was not a full run: the benchmark would time the incremental path');
      last = { events: report.newEvents, hits: report.totalHits, rules: report.rulesRun.length };
    }
    return { runs, medianMs: Math.round(median(times)), ...last };
  } finally {
    db.close();
  }
}
