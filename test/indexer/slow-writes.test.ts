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

/** Writes `content` in `chunks` with pauses; returns the event counts a reader saw before the last chunk. */
async function writeInChunks(path: string, dbPath: string, content: Buffer, chunks: number): Promise<number[]> {
  const seen: number[] = [];
  const fd = openSync(path, 'w');
  const size = Math.ceil(content.length / chunks);
  for (let start = 0; start < content.length; start += size) {
    if (start > 0) {
      for (let waited = 0; waited < BETWEEN_WRITES_MS; waited += 25) {
        await pause(25);
        seen.push(eventCountIn(dbPath));
      }
    }
    writeSync(fd, content.subarray(start, start + size));
  }
  closeSync(fd);
  return seen;
}

describe('files written slowly', () => {
  it('indexes a gzip file written in three chunks with pauses once, completely, with no error', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const gzip = gzipSync(recordsFile(numberedEvents('gz', 300)));
    const seenWhileWriting = await writeInChunks(join(scratch.logs, 'delivery.json.gz'), scratch.dbPath, gzip, 3);
    await waitFor('all 300 events', () => eventCountIn(scratch.dbPath) === 300);
    await pause(BETWEEN_WRITES_MS);
    expect(new Set(seenWhileWriting)).toEqual(new Set([0]));
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(300));
    expect(fileRow(scratch.dbPath, 'delivery.json.gz')).toMatchObject({ status: 'indexed', rejected: 0 });
    expect(watching.problems()).toEqual([]);
    expect(watching.batches().reduce((sum, batch) => sum + batch.added + batch.duplicates + batch.rejected, 0)).toBe(300);
  });

  it('indexes a plain JSON document written in three chunks once, with no error', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const document = Buffer.from(recordsFile(numberedEvents('doc', 120)));
    const seenWhileWriting = await writeInChunks(join(scratch.logs, 'lookup.json'), scratch.dbPath, document, 3);
    await waitFor('all 120 events', () => eventCountIn(scratch.dbPath) === 120);
    expect(new Set(seenWhileWriting)).toEqual(new Set([0]));
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

  it('reads a gzip file that stopped changing while cut short as it is, says so once, and redoes it when the rest arrives', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const gzip = gzipSync(recordsFile(numberedEvents('cut', 300)));
    const path = join(scratch.logs, 'stalled.json.gz');
    appendFileSync(path, gzip.subarray(0, Math.floor(gzip.length / 2)));
    const seenBefore: number[] = [];
    const problem = await waitFor('the stalled file to be reported', () => {
      seenBefore.push(eventCountIn(scratch.dbPath));
      return watching.problems().find((p) => p.file === 'stalled.json.gz');
    });
    expect(problem.reason).toMatch(/stopped changing but ends inside a record/);
    const asIs = await waitFor('its complete records', () => {
      const tally = tallyIndex(scratch.dbPath);
      return tally.events > 0 && tally;
    });
    // Until it is reported, nothing or the whole readable part (its batch may commit just before the report
    // arrives), never pieces read while the file was still changing.
    expect([...new Set(seenBefore)].filter((count) => count !== 0 && count !== asIs.events)).toEqual([]);
    expect(asIs.events).toBeLessThan(300);
    expect(asIs.rejected).toBeGreaterThan(0);
    appendFileSync(path, gzip.subarray(Math.floor(gzip.length / 2)));
    await waitFor('the whole file', () => eventCountIn(scratch.dbPath) === 300);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(300));
    expect(fileRow(scratch.dbPath, 'stalled.json.gz')).toMatchObject({ status: 'indexed', rejected: 0 });
    expect(watching.problems()).toHaveLength(1);
  });

  it('keeps waiting for the unfinished last line of a JSON Lines file that stopped changing', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const text = jsonLines(numberedEvents('tail', 3));
    const path = scratch.write('tail.jsonl', text.slice(0, -20));
    await waitFor('the unfinished line to be reported', () => watching.problems().find((p) => /unfinished last line/.test(p.reason)));
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(2));
    appendFileSync(path, text.slice(-20));
    await waitFor('the last line', () => eventCountIn(scratch.dbPath) === 3);
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(3));
  });
});

function nthLineStart(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}
