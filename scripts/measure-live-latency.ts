/**
 * Latency of the live tail: from a file's last write (closed) to its last event being
 * queryable through a read-only connection, as the workbench reads. 200 files, one at a
 * time, the indexer on its worker thread with default timing; one file in four is
 * written in three chunks 150 ms apart (a slow copy), the rest in one go.
 *   npx tsx scripts/measure-live-latency.ts [--files 200] [--events 100]
 * Prints one JSON line with p50/p90/p99/max in milliseconds.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { openIndex, type IndexDb } from '../src/core/index/open.js';
import { findEventSeq } from '../src/core/query/event-detail.js';
import { createIndexer } from '../src/indexer/create-indexer.js';

const { values } = parseArgs({ options: { files: { type: 'string', default: '200' }, events: { type: 'string', default: '100' } } });
const fileCount = Number(values.files);
const eventsPerFile = Number(values.events);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function delivery(file: number): { name: string; body: Buffer; lastId: string } {
  const events = Array.from({ length: eventsPerFile }, (_, i) => ({
    eventVersion: '1.08', eventID: `lat-${file}-${i}`, eventTime: new Date(Date.UTC(2026, 10, 20) + file * 60_000 + i).toISOString(),
    eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.7',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i % 17}`, accountId: '111122223333' },
    requestID: `req-${file}-${i}`, recipientAccountId: '111122223333',
  }));
  const name = `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_${String(file).padStart(4, '0')}.json.gz`;
  return { name, body: gzipSync(JSON.stringify({ Records: events })), lastId: `lat-${file}-${eventsPerFile - 1}` };
}

/** Writes the file (in chunks when slow) and returns the time of its last write. */
async function write(path: string, body: Buffer, chunks: number): Promise<number> {
  mkdirSync(join(path, '..'), { recursive: true });
  const fd = openSync(path, 'w');
  const size = Math.ceil(body.length / chunks);
  for (let start = 0; start < body.length; start += size) {
    if (start > 0) await sleep(150);
    writeSync(fd, body.subarray(start, start + size));
  }
  closeSync(fd);
  return performance.now();
}

async function visibleAfter(db: IndexDb, id: string, since: number): Promise<number> {
  while (findEventSeq(db, id) === null) await sleep(1);
  return performance.now() - since;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
function summary(latencies: number[]): Record<string, number> {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { n: sorted.length, p50: Math.round(percentile(sorted, 50)), p90: Math.round(percentile(sorted, 90)),
    p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? 0) };
}

const scratch = mkdtempSync(join(tmpdir(), 'kt-latency-'));
const logs = join(scratch, 'logs');
mkdirSync(logs);
const dbPath = join(scratch, 'index.db');
const indexer = createIndexer({ dir: logs, db: dbPath, watch: true, mode: 'worker' });
await indexer.start();
await sleep(500);
const reader = openIndex(dbPath, { readonly: true });
const whole: number[] = [];
const chunked: number[] = [];
for (let file = 0; file < fileCount; file++) {
  const { name, body, lastId } = delivery(file);
  const slow = file % 4 === 3;
  const lastWrite = await write(join(logs, name), body, slow ? 3 : 1);
  (slow ? chunked : whole).push(await visibleAfter(reader, lastId, lastWrite));
  await sleep(20 + (file * 37) % 80);
}
reader.close();
await indexer.stop();
rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({ eventsPerFile, all: summary([...whole, ...chunked]), wholeFiles: summary(whole), chunkedFiles: summary(chunked) }));
