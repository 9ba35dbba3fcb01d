import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { eventCountIn, eventIdCounts, numberedEvents, pause, readIndex, startWatching, waitFor, type Watching } from './live-helpers.js';

let scratch: Scratch;
let watching: Watching | undefined;
afterEach(async () => {
  await watching?.stop();
  watching = undefined;
  scratch.cleanup();
});

function expectEachOnce(counts: Map<string, number>, expected: number): void {
  expect(counts.size).toBe(expected);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
}

describe('files arriving while the indexer watches', () => {
  it('makes files dropped one by one searchable, each event once', async () => {
    scratch = makeScratch();
    watching = await startWatching(scratch);
    for (let file = 0; file < 20; file++) {
      const events = numberedEvents(`one-${file}`, 3);
      scratch.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/f${file}.json`, recordsFile(events));
      await waitFor(`file ${file} to be searchable`, () => eventCountIn(scratch.dbPath) === (file + 1) * 3);
    }
    expectEachOnce(eventIdCounts(scratch.dbPath), 60);
    const batches = watching.batches();
    expect(batches.reduce((sum, batch) => sum + batch.added, 0)).toBe(60);
    expect(batches.every((batch) => batch.duplicates === 0 && batch.rejected === 0)).toBe(true);
    expect(watching.problems()).toEqual([]);
  });

  it('indexes a burst of 1,000 files, each event once, each file once', async () => {
    scratch = makeScratch();
    watching = await startWatching(scratch);
    scratch.write('burst/.keep-folder-watched', '');
    await pause(50);
    for (let file = 0; file < 1000; file++) {
      writeFileSync(join(scratch.logs, 'burst', `b${file}.json`), recordsFile(numberedEvents(`burst-${file}`, 2)));
    }
    await waitFor('the burst to be indexed', () => eventCountIn(scratch.dbPath) === 2000, 30_000);
    await pause(300);
    expectEachOnce(eventIdCounts(scratch.dbPath), 2000);
    // Each file read once: a second read would add its events again after taking them back, or count duplicates.
    const batches = watching.batches();
    expect(batches.reduce((sum, batch) => sum + batch.added, 0)).toBe(2000);
    expect(batches.reduce((sum, batch) => sum + batch.duplicates, 0)).toBe(0);
    const statuses = readIndex(scratch.dbPath, (db) => db.prepare("SELECT status, count(*) AS n FROM files WHERE path LIKE 'burst/%' GROUP BY status").all());
    expect(statuses).toEqual([{ status: 'indexed', n: 1000 }]);
  }, 60_000);

  it('picks up files in folders created after the start', async () => {
    scratch = makeScratch();
    watching = await startWatching(scratch);
    scratch.write('AWSLogs/999988887777/CloudTrail/eu-west-1/2026/11/21/new.json', recordsFile(numberedEvents('late-folder', 4)));
    await waitFor('the file in the new folder', () => eventCountIn(scratch.dbPath) === 4);
  });

  it('ignores digest files, hidden and temporary files, and keeps quiet about them', async () => {
    scratch = makeScratch();
    watching = await startWatching(scratch);
    const events = recordsFile(numberedEvents('ignored', 2));
    scratch.write('AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/20/d.json', events);
    scratch.write('.partial-copy.json', events);
    scratch.write('logs.json.gz.1a2B3c4D', events);
    scratch.write('download.json.part', events);
    scratch.write('real.json', recordsFile(numberedEvents('real', 1)));
    await waitFor('the real file', () => eventCountIn(scratch.dbPath) === 1);
    await pause(200);
    expect(readIndex(scratch.dbPath, (db) => db.prepare('SELECT path FROM files').pluck().all())).toEqual(['real.json']);
    expect(watching.problems()).toEqual([]);
  });
});
