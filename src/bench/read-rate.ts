import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { walkTree } from '../core/index/walk.js';

export interface ReadRateRun {
  seconds: number;
  /** Absent from results written before it was recorded. */
  files?: number;
  events: number;
  eventsPerSecond: number;
}

/** The tree's delivery files, sorted: what every tool in the comparison reads. */
export async function recordsFiles(dir: string): Promise<string[]> {
  const { files } = await walkTree(dir);
  return files.filter((file) => file.endsWith('.json.gz')).map((file) => join(dir, file));
}

/**
 * The floor under any ingest: read, gunzip and JSON.parse every file on one core,
 * nothing else. The ingest target is a share of this rate, measured in the same run.
 */
export async function readGunzipParse(input: { dir: string }): Promise<ReadRateRun> {
  const files = await recordsFiles(input.dir);
  const started = performance.now();
  let events = 0;
  for (const file of files) {
    const document = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records?: unknown[] };
    events += document.Records?.length ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds: Math.round(seconds * 100) / 100, files: files.length, events, eventsPerSecond: Math.round(events / seconds) };
}
