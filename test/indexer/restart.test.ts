import { appendFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { IndexerProgress } from '../../src/indexer/types.js';
import { recordsFile, type Scratch } from '../helpers/temp-index.js';
import { eventCountIn, jsonLines, numberedEvents, onceEach, readIndex, tallyIndex, useLiveTest, waitFor, type Watching } from './live-helpers.js';

const live = useLiveTest();

const scanFinished = (w: Watching) => () => {
  const progress = w.lastProgress();
  return progress?.initialScanDone === true && progress.filesDone === progress.filesSeen ? progress : undefined;
};

function writeTree(s: Scratch, files: number): number {
  for (let file = 0; file < files; file++) {
    s.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/${String(file).padStart(4, '0')}.json.gz`,
      recordsFile(numberedEvents(`t${file}`, 10)), { gzip: true });
  }
  return files * 10;
}

describe('starting on an existing tree', () => {
  it('shows progress through a first scan while what is indexed can already be read', async () => {
    const { scratch } = live;
    const total = writeTree(scratch, 300);
    const watching = await live.watch();
    const done = await waitFor('the first scan', scanFinished(watching), 30_000);
    expect(done).toMatchObject({ filesSeen: 300, filesDone: 300, totalEvents: total, eventsAdded: total });
    // The scan is reported done once its deferred indexes are built: a request id is then an index lookup.
    const requestIndex = readIndex(scratch.dbPath, (db) => db.prepare("SELECT name FROM sqlite_master WHERE name = 'events_by_request'").pluck().get());
    expect(requestIndex).toBe('events_by_request');
    const during = watching.events.filter((event): event is IndexerProgress => event.type === 'progress' && !event.initialScanDone);
    expect(during.some((progress) => progress.filesSeen === 300 && progress.filesDone > 0 && progress.filesDone < 300)).toBe(true);
    expect(during.some((progress) => progress.totalEvents > 0 && progress.totalEvents < total)).toBe(true);
    const filesDone = during.map((progress) => progress.filesDone);
    expect(filesDone).toEqual([...filesDone].sort((a, b) => a - b));
  }, 30_000);

  it('resumes after a restart: unchanged files skipped, grown ones read from where they ended, replaced ones swapped', async () => {
    const { scratch } = live;
    const total = writeTree(scratch, 20);
    const exportPath = scratch.write('exports/cw.jsonl', jsonLines(numberedEvents('cw', 10)));
    let watching = await live.watch();
    await waitFor('the first run', scanFinished(watching));
    await watching.stop();
    const indexedAt = () => readIndex(scratch.dbPath, (db) => db.prepare('SELECT path, indexed_at FROM files ORDER BY path').all());
    const before = indexedAt();

    watching = await live.watch();
    await waitFor('the unchanged restart', scanFinished(watching));
    expect(watching.batches()).toEqual([]);
    expect(indexedAt()).toEqual(before);
    await watching.stop();

    appendFileSync(exportPath, jsonLines(numberedEvents('cw-more', 5)));
    const replaced = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/0003.json.gz';
    scratch.write(replaced, recordsFile(numberedEvents('v2', 4)), { gzip: true });
    const touched = join(scratch.logs, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/0004.json.gz');
    utimesSync(touched, new Date(), new Date(Date.now() + 60_000));
    watching = await live.watch();
    await waitFor('the restart after changes', scanFinished(watching));
    const byFile = Object.fromEntries(watching.batches().map((batch) => [batch.file, [batch.added, batch.duplicates, batch.rejected]]));
    expect(byFile).toEqual({ 'exports/cw.jsonl': [5, 0, 0], [replaced]: [4, 0, 0] });
    expect(eventCountIn(scratch.dbPath)).toBe(total - 10 + 4 + 15);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(total - 10 + 4 + 15));
  }, 30_000);

  it('indexes once and stops when not watching, reporting a cut-short file as rejected rather than waiting', async () => {
    const { scratch } = live;
    const gzip = gzipSync(recordsFile(numberedEvents('cut', 200)));
    scratch.write('cut.json.gz', gzip.subarray(0, gzip.length >> 1));
    scratch.write('whole.json', recordsFile(numberedEvents('whole', 3)));
    const watching = await live.watch({ watch: false });
    const done = await waitFor('the single pass', scanFinished(watching));
    expect(done.rejected).toBeGreaterThan(0);
    expect(readIndex(scratch.dbPath, (db) => db.prepare("SELECT status FROM files WHERE path = 'cut.json.gz'").pluck().get())).toBe('indexed');
  });
});
