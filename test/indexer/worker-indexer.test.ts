import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIndexer } from '../../src/indexer/create-indexer.js';
import { makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { eventCountIn, numberedEvents, startWatching, waitFor, type Watching } from './live-helpers.js';

let scratch: Scratch;
let watching: Watching | undefined;
afterEach(async () => {
  await watching?.stop();
  watching = undefined;
  scratch.cleanup();
});

describe('the indexer on a worker thread', () => {
  it('relays batches as they commit, and releases the index when stopped', async () => {
    scratch = makeScratch();
    scratch.write('a/one.json', recordsFile(numberedEvents('one', 2)));
    watching = await startWatching(scratch, { mode: 'worker' });
    await waitFor('the first batch', () => watching?.batches().length === 1);
    scratch.write('two.json', recordsFile(numberedEvents('two', 3)));
    await waitFor('the live file', () => eventCountIn(scratch.dbPath) === 5);
    expect(watching.batches().map((batch) => [batch.file, batch.added, batch.totalEvents])).toEqual([['a/one.json', 2, 2], ['two.json', 3, 5]]);
    await watching.stop();
    watching = undefined;
    expect(existsSync(`${scratch.dbPath}.lock`)).toBe(false);
  });

  it('fails to start, with the reason, when another live process writes the index', async () => {
    scratch = makeScratch();
    mkdirSync(dirname(scratch.dbPath), { recursive: true });
    writeFileSync(`${scratch.dbPath}.lock`, String(process.ppid));
    const indexer = createIndexer({ dir: scratch.logs, db: scratch.dbPath, watch: true, mode: 'worker' });
    await expect(indexer.start()).rejects.toThrow(/another keytrail \(pid \d+\) is writing/);
    await indexer.stop();
  });
});
