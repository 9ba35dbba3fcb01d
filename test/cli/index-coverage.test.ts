import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coverageLine } from '../../src/cli/commands/index-command.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';
import { runCli } from '../helpers/run-cli.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const delivery = (stamp: string) => `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/111122223333_CloudTrail_us-east-1_${stamp}_Abc123.json.gz`;

function writeTree(): void {
  scratch = makeScratch();
  scratch.write(delivery('20261121T0100Z'), recordsFile([kmsEvent({ eventID: 'a', requestID: 'ra' })]), { gzip: true });
  scratch.write(delivery('20261121T0200Z'), recordsFile([kmsEvent({ eventID: 'b', requestID: 'rb' })]), { gzip: true });
  scratch.write('exports/lookup-events.json', recordsFile([kmsEvent({ eventID: 'c', requestID: 'rc' })]));
}

describe('what keytrail index says is complete', () => {
  it('--json: coverage says complete, with every delivery since the oldest; the text says complete', () => {
    writeTree();
    const db = join(scratch.root, 'cli.db');
    const json = runCli(['index', scratch.logs, '--db', db, '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).coverage).toEqual({
      complete: true, deliveredSince: '2026-11-21T01:00:00Z', filesDone: 3, filesTotal: 3, percentDone: 100,
    });
    expect(runCli(['index', scratch.logs, '--db', db]).stdout).toContain('Complete: all 3 file(s) found are indexed.');
  });

  it('is not complete when a part of the tree could not be read, though every file found is indexed', () => {
    writeTree();
    symlinkSync(join(scratch.root, 'nowhere'), join(scratch.logs, 'AWSLogs', 'gone'));
    const result = runCli(['index', scratch.logs, '--db', join(scratch.root, 'cli.db'), '--json']);
    expect(JSON.parse(result.stdout).coverage).toMatchObject({ complete: false, filesDone: 3, filesTotal: 3, percentDone: 100 });
  });

  it('states a partial index by files and delivery, never as events', () => {
    expect(coverageLine({ complete: false, deliveredSince: '2026-11-21T01:00:00Z', filesDone: 62, filesTotal: 100, percentDone: 62 }))
      .toBe('Not complete: 62 of 100 file(s) indexed (62%); every file delivered since 2026-11-21T01:00:00Z is, '
        + 'though a file can hold events older than its delivery.');
    expect(coverageLine({ complete: false, deliveredSince: null, filesDone: 0, filesTotal: 5, percentDone: 0 }))
      .toBe('Not complete: 0 of 5 file(s) indexed (0%).');
    expect(coverageLine({ complete: false, deliveredSince: null, filesDone: 5, filesTotal: 5, percentDone: 100 }))
      .toMatch(/^Not complete: a folder could not be read/);
  });
});
