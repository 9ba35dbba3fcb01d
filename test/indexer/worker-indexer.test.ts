import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIndexer } from '../../src/indexer/create-indexer.js';
import { recordsFile } from '../helpers/temp-index.js';
import { eventCountIn, numberedEvents, useLiveTest, waitFor } from './live-helpers.js';

const live = useLiveTest();

describe('the indexer on a worker thread', () => {
  it('relays batches as they commit, and releases the index when stopped', async () => {
    const { scratch } = live;
    scratch.write('a/one.json', recordsFile(numberedEvents('one', 2)));
    const watching = await live.watch({ mode: 'worker' });
    await waitFor('the first batch', () => watching.batches().length === 1);
    scratch.write('two.json', recordsFile(numberedEvents('two', 3)));
    // The batch is relayed after its commit: a reader may see the rows a moment before the message arrives.
    await waitFor('the live file', () => watching.batches().length === 2);
    expect(eventCountIn(scratch.dbPath)).toBe(5);
    expect(watching.batches().map((batch) => [batch.file, batch.added, batch.totalEvents])).toEqual([['a/one.json', 2, 2], ['two.json', 3, 5]]);
    await watching.stop();
    expect(existsSync(`${scratch.dbPath}.lock`)).toBe(false);
  });

  it('fails to start, with the reason, when another live process writes the index', async () => {
    const { scratch } = live;
    mkdirSync(dirname(scratch.dbPath), { recursive: true });
    writeFileSync(`${scratch.dbPath}.lock`, String(process.ppid));
    const indexer = createIndexer({ dir: scratch.logs, db: scratch.dbPath, watch: true, mode: 'worker' });
    await expect(indexer.start()).rejects.toThrow(/another keytrail \(pid \d+\) is writing/);
    await indexer.stop();
  });
});
