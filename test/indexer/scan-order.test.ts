import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../src/indexer/progress-meter.js';
import type { IndexerProgress } from '../../src/indexer/types.js';
import { recordsFile } from '../helpers/temp-index.js';
import { numberedEvents, useLiveTest, waitFor } from './live-helpers.js';

const live = useLiveTest();

/** The S3 name of a delivery `minutes` after midnight, 2026-11-20. */
const delivery = (minutes: number) => {
  const stamp = new Date(Date.UTC(2026, 10, 20, 0, minutes)).toISOString();
  const name = `${stamp.slice(0, 4)}${stamp.slice(5, 7)}${stamp.slice(8, 10)}T${stamp.slice(11, 13)}${stamp.slice(14, 16)}Z`;
  return `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_${name}_Abc123.json.gz`;
};
const sinceText = (minutes: number) => `${new Date(Date.UTC(2026, 10, 20, 0, minutes)).toISOString().slice(0, 19)}Z`;

describe('the first scan of the workbench and keytrail watch', () => {
  it('reads the newest deliveries first, and its progress claims deliveries from the newest back', async () => {
    const { scratch } = live;
    // Written oldest first, so neither path order nor creation order is the newest-first order.
    for (let minute = 0; minute < 40; minute++) scratch.write(delivery(minute * 5), recordsFile(numberedEvents(`m${minute}`, 3)), { gzip: true });
    scratch.write('exports/cloudwatch.jsonl', `${JSON.stringify(numberedEvents('x', 1)[0])}\n`);
    const watching = await live.watch({ watch: false });
    await waitFor('the first scan', () => watching.lastProgress()?.initialScanDone && watching.lastProgress()?.filesDone === 41);
    const read = watching.batches().map((batch) => batch.file);
    expect(read).toEqual([...Array.from({ length: 40 }, (_, index) => delivery((39 - index) * 5)), 'exports/cloudwatch.jsonl']);
    const sinces = watching.events.filter((event): event is IndexerProgress => event.type === 'progress')
      .map((progress) => progress.deliveredSince).filter((since): since is string => since !== null);
    expect(sinces.at(-1)).toBe(sinceText(0));
    // Only ever further back: never a claim that a later report takes back.
    expect(sinces).toEqual([...sinces].sort().reverse());
  });
});

describe('the progress meter\'s coverage', () => {
  const snapshot = (meter: ProgressMeter) => meter.snapshot(0, 0);

  it('keeps its "since" above a newer file that waits or failed, even as older files are done', () => {
    const meter = new ProgressMeter();
    for (const minute of [30, 20, 10]) meter.waitingFor(delivery(minute));
    meter.waitingFor('exports/lookup-events.json');
    expect(snapshot(meter).deliveredSince).toBeNull();
    meter.finished(delivery(30));
    expect(snapshot(meter)).toMatchObject({ deliveredSince: sinceText(30), filesDone: 1, filesSeen: 4 });
    // The 20-minute file failed and waits for a retry: the older one done does not extend the claim.
    meter.finished(delivery(10));
    expect(snapshot(meter).deliveredSince).toBe(sinceText(30));
    meter.finished(delivery(20));
    expect(snapshot(meter).deliveredSince).toBe(sinceText(10));
    // A new delivery seen live is not done yet: nothing is claimed until it is.
    meter.waitingFor(delivery(40));
    expect(snapshot(meter).deliveredSince).toBeNull();
  });

  it('claims a file read into an open transaction only once that transaction commits: a reader cannot see it before', () => {
    const meter = new ProgressMeter();
    meter.waitingFor(delivery(20));
    meter.waitingFor(delivery(10));
    meter.finished(delivery(20), true);
    expect(snapshot(meter)).toMatchObject({ filesDone: 0, deliveredSince: null });
    meter.transactionCommitted();
    expect(snapshot(meter)).toMatchObject({ filesDone: 1, deliveredSince: sinceText(20) });
    // Read again after its transaction failed: waiting once more, and the next commit does not claim it.
    meter.finished(delivery(10), true);
    meter.waitingFor(delivery(10));
    meter.transactionCommitted();
    expect(snapshot(meter)).toMatchObject({ filesDone: 1, deliveredSince: sinceText(20) });
  });

  it('counts files whose read failed until a retry reads them', () => {
    const meter = new ProgressMeter();
    meter.waitingFor(delivery(20));
    meter.waitingFor(delivery(10));
    meter.finished(delivery(10));
    meter.failed(delivery(20));
    expect(snapshot(meter)).toMatchObject({ filesFailing: 1, filesDone: 1, deliveredSince: null });
    meter.finished(delivery(20));
    expect(snapshot(meter)).toMatchObject({ filesFailing: 0, filesDone: 2, deliveredSince: sinceText(10) });
  });

  it('forgets a deleted file: it no longer holds the claim back', () => {
    const meter = new ProgressMeter();
    meter.waitingFor(delivery(20));
    meter.waitingFor(delivery(10));
    meter.finished(delivery(10));
    expect(snapshot(meter).deliveredSince).toBeNull();
    meter.forget(delivery(20));
    expect(snapshot(meter).deliveredSince).toBe(sinceText(10));
  });
});
