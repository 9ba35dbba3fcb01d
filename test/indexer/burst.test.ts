import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordsFile } from '../helpers/temp-index.js';
import { eventCountIn, numberedEvents, onceEach, pause, readIndex, tallyIndex, useLiveTest, waitFor } from './live-helpers.js';

const live = useLiveTest();

describe('a burst of files', () => {
  it('indexes 1,000 files dropped at once, each event once, each file once', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    mkdirSync(join(scratch.logs, 'burst'));
    for (let file = 0; file < 1000; file++) {
      writeFileSync(join(scratch.logs, 'burst', `b${file}.json`), recordsFile(numberedEvents(`burst-${file}`, 2)));
    }
    await waitFor('the burst to be indexed', () => eventCountIn(scratch.dbPath) === 2000, 90_000);
    await pause(300);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(2000));
    // Each file read once: a second read would take its events back and add them again, or count duplicates.
    const batches = watching.batches();
    expect(batches.reduce((sum, batch) => sum + batch.added, 0)).toBe(2000);
    expect(batches.reduce((sum, batch) => sum + batch.duplicates, 0)).toBe(0);
    const statuses = readIndex(scratch.dbPath, (db) => db.prepare('SELECT status, count(*) AS n FROM files GROUP BY status').all());
    expect(statuses).toEqual([{ status: 'indexed', n: 1000 }]);
  }, 120_000);
});
