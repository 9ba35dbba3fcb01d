import { appendFileSync, closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recordsFile } from '../helpers/temp-index.js';
import { eventCountIn, jsonLines, numberedEvents, onceEach, pause, readIndex, tallyIndex, useLiveTest, waitFor } from './live-helpers.js';

const live = useLiveTest();

/** Longer than the indexer's quiet period: it reads the file between the writes. */
const BETWEEN_WRITES_MS = 250;

function fileRow(dbPath: string, path: string): { status: string; rejected: number } {
  return readIndex(dbPath, (db) => db.prepare('SELECT status, rejected FROM files WHERE path = ?').get(path) as { status: string; rejected: number });
}

async function writeInChunks(path: string, content: Buffer, chunks: number): Promise<void> {
  const fd = openSync(path, 'w');
  const size = Math.ceil(content.length / chunks);
  for (let start = 0; start < content.length; start += size) {
    writeSync(fd, content.subarray(start, start + size));
    await pause(BETWEEN_WRITES_MS);
  }
  closeSync(fd);
}

describe('files written slowly', () => {
  it('indexes a gzip file written in three chunks with pauses once, completely, with no error', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const gzip = gzipSync(recordsFile(numberedEvents('gz', 300)));
    await writeInChunks(join(scratch.logs, 'delivery.json.gz'), gzip, 3);
    await waitFor('all 300 events', () => eventCountIn(scratch.dbPath) === 300);
    await pause(BETWEEN_WRITES_MS);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(300));
    expect(fileRow(scratch.dbPath, 'delivery.json.gz')).toMatchObject({ status: 'indexed', rejected: 0 });
    expect(watching.problems()).toEqual([]);
    expect(watching.batches().reduce((sum, batch) => sum + batch.added + batch.duplicates + batch.rejected, 0)).toBe(300);
  });

  it('indexes a plain JSON document written in three chunks once, with no error', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    await writeInChunks(join(scratch.logs, 'lookup.json'), Buffer.from(recordsFile(numberedEvents('doc', 120))), 3);
    await waitFor('all 120 events', () => eventCountIn(scratch.dbPath) === 120);
    expect(fileRow(scratch.dbPath, 'lookup.json')).toMatchObject({ status: 'indexed', rejected: 0 });
    expect(watching.problems()).toEqual([]);
  });

  it('indexes every line of a JSON Lines file appended to five times exactly once, a line split across writes included', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const path = scratch.write('export.jsonl', '');
    const text = jsonLines(numberedEvents('line', 50));
    // Five appends; the second and fourth end in the middle of a line.
    const cuts = [0, 10, 20, 30, 40, 50].map((line) => (line === 50 ? text.length : nthLineStart(text, line)));
    cuts[2] = (cuts[2] as number) + 37;
    cuts[4] = (cuts[4] as number) + 5;
    for (let append = 0; append < 5; append++) {
      appendFileSync(path, text.slice(cuts[append], cuts[append + 1]));
      await pause(BETWEEN_WRITES_MS);
    }
    await waitFor('all 50 lines', () => eventCountIn(scratch.dbPath) === 50);
    await pause(BETWEEN_WRITES_MS);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(50));
    expect(fileRow(scratch.dbPath, 'export.jsonl')).toMatchObject({ status: 'indexed', rejected: 0 });
    expect(watching.batches().reduce((sum, batch) => sum + batch.duplicates + batch.rejected, 0)).toBe(0);
    expect(watching.problems()).toEqual([]);
  });

  it('reports a gzip file that stops changing while cut short, once, and completes it when the rest arrives', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const gzip = gzipSync(recordsFile(numberedEvents('cut', 300)));
    const path = join(scratch.logs, 'stalled.json.gz');
    appendFileSync(path, gzip.subarray(0, Math.floor(gzip.length / 2)));
    const problem = await waitFor('the stalled file to be reported', () => watching.problems().find((p) => p.file === 'stalled.json.gz'));
    expect(problem.reason).toMatch(/stopped changing but ends inside a record/);
    const indexedSoFar = eventCountIn(scratch.dbPath);
    expect(indexedSoFar).toBeGreaterThan(0);
    expect(indexedSoFar).toBeLessThan(300);
    await pause(1_000);
    expect(watching.problems()).toHaveLength(1);
    appendFileSync(path, gzip.subarray(Math.floor(gzip.length / 2)));
    await waitFor('the whole file', () => eventCountIn(scratch.dbPath) === 300);
    expect(fileRow(scratch.dbPath, 'stalled.json.gz')).toMatchObject({ status: 'indexed', rejected: 0 });
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(300));
  });
});

function nthLineStart(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}
