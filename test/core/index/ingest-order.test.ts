import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestTree } from '../../../src/core/index/ingest-tree.js';
import { openIndex } from '../../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const delivery = (stamp: string) =>
  `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/111122223333_CloudTrail_us-east-1_${stamp}_Abc123.json.gz`;
const OLDEST = delivery('20261121T0010Z');
const MIDDLE = delivery('20261121T0105Z');
const NEWEST = delivery('20261121T0200Z');
const EXPORT = 'exports/lookup-events.json';

/** Three deliveries and an export, one event each. */
function writeTree(): void {
  scratch = makeScratch();
  [OLDEST, MIDDLE, NEWEST].forEach((file, index) => scratch.write(file, recordsFile([kmsEvent({ eventID: `e${index}`, requestID: `r${index}` })]), { gzip: true }));
  scratch.write(EXPORT, recordsFile([kmsEvent({ eventID: 'x', requestID: 'rx' })]));
}

describe('keytrail index on an S3 tree', () => {
  it('reads the newest delivery first and files without a delivery time last, and says the tree is complete', async () => {
    writeTree();
    const read: string[] = [];
    const report = await ingestTree(openIndex(scratch.dbPath), scratch.logs, { final: true, onFile: (file) => read.push(file.file) });
    expect(read).toEqual([NEWEST, MIDDLE, OLDEST, EXPORT]);
    expect(report.coverage).toEqual({ complete: true, deliveredSince: '2026-11-21T00:10:00Z', filesDone: 4, filesTotal: 4, percentDone: 100 });
  });

  it('after an interruption, claims the deliveries it read, newest first', async () => {
    writeTree();
    const controller = new AbortController();
    const report = await ingestTree(openIndex(scratch.dbPath), scratch.logs, {
      final: true, signal: controller.signal, onFile: () => controller.abort(),
    });
    expect(report.coverage).toEqual({ complete: false, deliveredSince: '2026-11-21T02:00:00Z', filesDone: 1, filesTotal: 4, percentDone: 25 });
  });

  it('does not claim older deliveries past one that could not be read', async () => {
    writeTree();
    // The middle delivery vanishes after the walk found it: it fails, the oldest is still read.
    const report = await ingestTree(openIndex(scratch.dbPath), scratch.logs, {
      final: true, onFile: (file) => { if (file.file === NEWEST) rmSync(join(scratch.logs, MIDDLE)); },
    });
    expect(report.failed.map((failure) => failure.file)).toEqual([MIDDLE]);
    expect(report.coverage).toEqual({ complete: false, deliveredSince: '2026-11-21T02:00:00Z', filesDone: 3, filesTotal: 4, percentDone: 75 });
  });
});
