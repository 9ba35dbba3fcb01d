import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex } from '../../src/core/index/open.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { snapshotIndex } from '../helpers/index-snapshot.js';
import { runCli, spawnCli } from '../helpers/run-cli.js';

let scratch: Scratch;
let reference: unknown;
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
  const whole = runCli(['index', scratch.logs, '--db', `${scratch.root}/reference.db`, '--json']);
  expect(whole.status).toBe(0);
  const db = openIndex(`${scratch.root}/reference.db`, { readonly: true });
  reference = snapshotIndex(db);
  db.close();
}, 120_000);
afterAll(() => scratch.cleanup());

describe('kill -9 in the middle of `keytrail index`, then a rerun', () => {
  it.each([0.01, 0.25, 0.5, 0.75])('gives the index of an uninterrupted run (killed once %f of the events were committed)', async (fraction) => {
    const db = `${scratch.root}/killed-${fraction}.db`;
    const total = (reference as { events: unknown[] }).events.length;
    const child = spawnCli(['index', scratch.logs, '--db', db]);
    const exited = once(child, 'exit');
    // Kill as soon as the index shows that much progress: mid-ingest whatever the machine's load.
    const deadline = Date.now() + 60_000;
    while (child.exitCode === null && countEvents(db) < total * fraction && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
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
