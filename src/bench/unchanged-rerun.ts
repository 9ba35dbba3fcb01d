import { mkdirSync } from 'node:fs';
import { runProcess } from './process-run.js';
import { keytrailArgs } from './self.js';
import { median } from './stats.js';

export interface UnchangedRerun {
  /** Each `keytrail index` as a whole process, spawn to exit. */
  seconds: number[];
  medianSeconds: number;
  /** From the last run's --json summary: an unchanged tree re-reads no file and adds no event. */
  files: number;
  indexedFiles: number;
  events: number;
}

interface IndexSummary {
  files: number;
  indexedFiles: number;
  events: number;
}

/**
 * `keytrail index DIR --db DB --json` on an index that already holds every file of the
 * tree, as a responder reruns it: node's start-up, opening the index, the stat walk and
 * whatever else confirms that nothing changed.
 */
export async function measureUnchangedRerun(input: { dir: string; db: string; home: string; runs: number }): Promise<UnchangedRerun> {
  mkdirSync(input.home, { recursive: true });
  const env = { ...process.env, HOME: input.home, KEYTRAIL_HOME: input.home };
  const seconds: number[] = [];
  let summary: IndexSummary = { files: 0, indexedFiles: 0, events: 0 };
  for (let run = 0; run < input.runs; run++) {
    const done = await runProcess(process.execPath, keytrailArgs(['index', input.dir, '--db', input.db, '--json']), { env });
    if (done.code !== 0) throw new Error(`keytrail index exited with ${done.code}:\n${done.stderr.slice(-2000)}`);
    summary = JSON.parse(done.stdout) as IndexSummary;
    seconds.push(Math.round(done.ms) / 1000);
  }
  return { seconds, medianSeconds: median(seconds), files: summary.files, indexedFiles: summary.indexedFiles, events: summary.events };
}
