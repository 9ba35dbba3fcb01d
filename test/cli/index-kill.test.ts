import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex } from '../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { snapshotIndex } from '../helpers/index-snapshot.js';
import { runCli, spawnCli } from '../helpers/run-cli.js';

let scratch: Scratch;
let reference: unknown;
let wholeRunMs = 0;
/** Events each killed run had committed: proves the kills landed mid-ingest, not before or after. */
const committedAtKill: number[] = [];

/** A tree big enough that a run takes a while: gzipped Records files and a long JSON Lines file. */
function writeTree(s: Scratch): void {
  let n = 0;
  const next = (extra: Record<string, unknown> = {}) => kmsEvent({ eventID: `e-${n}`, requestID: `r-${n}`, eventTime: new Date(Date.UTC(2026, 10, 20) + n++ * 1000).toISOString(), ...extra });
  for (let file = 0; file < 30; file++) {
    const events = Array.from({ length: 400 }, () => next());
    if (file % 10 === 3) events.push(events[0]!);
    s.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/f${String(file).padStart(3, '0')}.json.gz`, recordsFile(events), { gzip: true });
  }
  const lines = Array.from({ length: 12_000 }, (_, i) => (i === 500 ? '{"broken": ' : JSON.stringify(next())));
  s.write('exports/cloudwatch.jsonl', `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  scratch = makeScratch();
  writeTree(scratch);
  const started = Date.now();
  const whole = runCli(['index', scratch.logs, '--db', `${scratch.root}/reference.db`, '--json']);
  wholeRunMs = Date.now() - started;
  expect(whole.status).toBe(0);
  const db = openIndex(`${scratch.root}/reference.db`, { readonly: true });
  reference = snapshotIndex(db);
  db.close();
}, 120_000);
afterAll(() => scratch.cleanup());

describe('kill -9 in the middle of `keytrail index`, then a rerun', () => {
  it.each([0.2, 0.4, 0.6, 0.8])('gives the index of an uninterrupted run (killed at %f of its duration)', async (fraction) => {
    const db = `${scratch.root}/killed-${fraction}.db`;
    const child = spawnCli(['index', scratch.logs, '--db', db]);
    const exited = once(child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, wholeRunMs * fraction));
    child.kill('SIGKILL');
    await exited;
    committedAtKill.push(countEvents(db));
    const rerun = runCli(['index', scratch.logs, '--db', db, '--json']);
    expect(rerun.status).toBe(0);
    const index = openIndex(db, { readonly: true });
    expect(snapshotIndex(index)).toEqual(reference);
    index.close();
  }, 120_000);

  it('killed at least one run in the middle of its work', () => {
    const total = (reference as { events: unknown[] }).events.length;
    expect(committedAtKill.some((count) => count > 0 && count < total)).toBe(true);
  });
});

function countEvents(path: string): number {
  try {
    const db = openIndex(path, { readonly: true });
    const count = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    db.close();
    return count;
  } catch {
    return 0;
  }
}
