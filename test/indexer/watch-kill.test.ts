import { once } from 'node:events';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndex } from '../../src/core/index/open.js';
import { snapshotIndex } from '../helpers/index-snapshot.js';
import { spawnCli } from '../helpers/run-cli.js';
import { makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { eventCountIn, jsonLines, numberedEvents, pause, waitFor } from './live-helpers.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

/** What keeps arriving: S3 deliveries, and a CloudWatch export growing in chunks that cut lines in two. */
function arrivals(s: Scratch): Array<() => void> {
  const steps: Array<() => void> = [];
  const exportText = jsonLines(numberedEvents('cw', 1000));
  const exportCuts = Array.from({ length: 11 }, (_, i) => Math.round((exportText.length * i) / 10) + (i % 3 === 1 ? 17 : 0));
  exportCuts[10] = exportText.length;
  for (let file = 0; file < 40; file++) {
    const events = numberedEvents(`s3-${file}`, 150);
    // Delivered twice (an organization trail and the account's own): one event, two sources.
    if (file === 7) events.push(numberedEvents('s3-3', 1)[0] as Record<string, unknown>);
    const name = `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/${String(file).padStart(3, '0')}.json.gz`;
    steps.push(() => s.write(name, recordsFile(events), { gzip: true }));
    if (file % 4 === 3) {
      const chunk = (file - 3) / 4;
      steps.push(() => appendFileSync(join(s.logs, 'exports', 'cloudwatch.jsonl'), exportText.slice(exportCuts[chunk], exportCuts[chunk + 1])));
    }
  }
  steps.unshift(() => s.write('exports/cloudwatch.jsonl', ''));
  return steps;
}

const TOTAL_EVENTS = 40 * 150 + 1000;

async function exitCode(child: ReturnType<typeof spawnCli>): Promise<number | null> {
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('kill -9 of `keytrail watch` while files keep arriving', () => {
  it('ends, after a restart, with the index of a run that was never killed', async () => {
    scratch = makeScratch();
    const env = { KEYTRAIL_HOME: join(scratch.root, 'home') };
    const killedDb = join(scratch.root, 'killed.db');
    const referenceDb = join(scratch.root, 'reference.db');
    const reference = spawnCli(['watch', scratch.logs, '--db', referenceDb, '--json'], env);
    let victim = spawnCli(['watch', scratch.logs, '--db', killedDb, '--json'], env);
    const steps = arrivals(scratch);
    let step = 0;
    for (; step < steps.length / 3; step++) {
      steps[step]?.();
      await pause(40);
    }
    await waitFor('the victim to commit something', () => eventCountIn(killedDb) > 0, 20_000);
    victim.kill('SIGKILL');
    const committedAtKill = eventCountIn(killedDb);
    for (; step < (2 * steps.length) / 3; step++) {
      steps[step]?.();
      await pause(40);
    }
    victim = spawnCli(['watch', scratch.logs, '--db', killedDb, '--json'], env);
    for (; step < steps.length; step++) {
      steps[step]?.();
      await pause(40);
    }
    await waitFor('both indexes to be complete', () => eventCountIn(killedDb) === TOTAL_EVENTS && eventCountIn(referenceDb) === TOTAL_EVENTS, 30_000);
    await pause(300);
    const exits = [exitCode(victim), exitCode(reference)];
    victim.kill('SIGTERM');
    reference.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
    expect(committedAtKill).toBeLessThan(TOTAL_EVENTS);
    expect(existsSync(`${killedDb}.lock`)).toBe(false);
    const [killed, whole] = [killedDb, referenceDb].map((path) => {
      const db = openIndex(path, { readonly: true });
      const view = snapshotIndex(db);
      db.close();
      return view;
    });
    expect(killed).toEqual(whole);
  }, 90_000);
});
